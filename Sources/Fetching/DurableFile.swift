import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The POSIX steps that make a placement survive a crash: fsync the file, rename it over the
/// target (atomic within one folder), fsync the folder so the rename itself is on disk.
enum DurableFile {
    static func sync(_ path: String) throws {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw FetchError.io(path: path, reason: "cannot open to sync: \(reason())") }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw FetchError.io(path: path, reason: "fsync failed: \(reason())") }
    }

    /// Renames `from` over `to` and syncs their folder.
    static func place(_ from: String, at to: String) throws {
        guard rename(from, to) == 0 else { throw FetchError.io(path: to, reason: "cannot rename \(from) into place: \(reason())") }
        try sync((to as NSString).deletingLastPathComponent.isEmpty ? "." : (to as NSString).deletingLastPathComponent)
    }

    /// Writes `data` to `path` by temporary file, fsync and rename.
    static func replace(_ path: String, with data: Data) throws {
        let temporary = path + ".tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: data) else {
            throw FetchError.io(path: temporary, reason: "cannot write: \(reason())")
        }
        try sync(temporary)
        try place(temporary, at: path)
    }

    static func remove(_ path: String) {
        unlink(path)
    }

    static func size(_ path: String) -> Int64? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Int64(info.st_size)
    }

    static func reason() -> String { String(cString: strerror(errno)) }
}
