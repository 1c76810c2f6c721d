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
