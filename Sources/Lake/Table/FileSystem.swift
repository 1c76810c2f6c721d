import Foundation
#if canImport(Glibc)
import Glibc
#endif
import RxCore

/// Directory operations the table layer needs, with errors that name the path.
enum FileSystem {
    static func makeDirectories(_ path: String) throws {
        do { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) } catch {
            throw LakeError.io(path: path, operation: "create directory", reason: "\(error.localizedDescription)")
        }
    }

    static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    static func isDirectory(_ path: String) -> Bool {
        var d: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &d) && d.boolValue
    }

    static func list(_ path: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
    }

    static func remove(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Atomic replace (POSIX rename).
    static func rename(_ from: String, _ to: String) throws {
        guard Glibc.rename(from, to) == 0 else { throw LakeError.io(path: to, operation: "rename \(from) into place", reason: errnoText()) }
    }

    /// Makes a rename durable: fsync the directory that holds the entry.
    static func syncDirectory(_ path: String) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd >= 0 { _ = fsync(fd); _ = close(fd) }
    }

    static func writeAtomically(_ data: Data, to path: String, temp: String) throws {
        let fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw LakeError.io(path: temp, operation: "create", reason: errnoText()) }
        let ok = data.withUnsafeBytes { raw -> Bool in
            var done = 0
            while done < raw.count {
                let n = write(fd, raw.baseAddress! + done, raw.count - done)
                if n < 0 { if errno == EINTR { continue }; return false }
                done += n
            }
            return fsync(fd) == 0
        }
        let reason = errnoText()
        _ = close(fd)
        guard ok else { throw LakeError.io(path: temp, operation: "write", reason: reason) }
        try rename(temp, path)
        syncDirectory((path as NSString).deletingLastPathComponent)
    }
}
