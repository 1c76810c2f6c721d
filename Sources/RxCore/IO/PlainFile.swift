import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A file or folder operation that failed, with the path and the system's own reason
/// (`strerror`: "No space left on device", "Permission denied") — never a Foundation error dump.
public struct PlainFileError: Error, Equatable, CustomStringConvertible {
    public let path: String
    public let reason: String
    public var description: String { "\(path): \(reason)" }
}

/// Writes files and creates folders with POSIX calls, so a failure says why (FileManager's
/// `createFile` only returns false, and its errors print as NSError dumps).
public enum PlainFile {
    /// Writes `bytes` to `path` (created or truncated, mode 0644).
    public static func write(_ bytes: [UInt8], to path: String) throws(PlainFileError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw PlainFileError(path: path, reason: String(cString: strerror(errno))) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                close(descriptor)
                throw PlainFileError(path: path, reason: reason)
            }
            offset += written
        }
        guard close(descriptor) == 0 else { throw PlainFileError(path: path, reason: String(cString: strerror(errno))) }
    }

    /// Replaces `path` with `bytes` so a reader sees the old file or the new one, never half,
    /// and a crash leaves one of them: a hidden temporary file beside it (parents created),
    /// written, flushed to disk, renamed over `path`, and the folder flushed. The one atomic
    /// file write of rxpipe's own files (quality report, profiles, run records, caches).
    public static func replace(_ bytes: [UInt8], at path: String) throws(PlainFileError) {
        let directory = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        try makeDirectories(directory.isEmpty ? "." : directory)
        let temp = (directory.isEmpty ? "" : directory + "/") + ".\(name).tmp-\(getpid())"
        let descriptor = open(temp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw PlainFileError(path: temp, reason: String(cString: strerror(errno))) }
        func failing(_ reason: String, _ at: String) -> PlainFileError {
            close(descriptor)
            unlink(temp)
            return PlainFileError(path: at, reason: reason)
        }
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                throw failing(String(cString: strerror(errno)), temp)
            }
            offset += written
        }
        guard fsync(descriptor) == 0 else { throw failing(String(cString: strerror(errno)), temp) }
        guard close(descriptor) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temp)
            throw PlainFileError(path: temp, reason: reason)
        }
        guard rename(temp, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temp)
            throw PlainFileError(path: path, reason: reason)
        }
        let folder = open(directory.isEmpty ? "." : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folder >= 0 {
            _ = fsync(folder)
            close(folder)
        }
    }

    /// Creates `path` and its missing parents (mode 0755); an existing folder is fine.
    public static func makeDirectories(_ path: String) throws(PlainFileError) {
        var current = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            current += "/" + component
            if mkdir(current, 0o755) != 0 && errno != EEXIST {
                throw PlainFileError(path: current, reason: String(cString: strerror(errno)))
            }
        }
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else {
            throw PlainFileError(path: path, reason: "exists and is not a folder")
        }
    }
}
