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
        guard descriptor >= 0 else { throw PlainFileError(path: path, reason: errnoText()) }
        do throws(PlainFileError) {
            try writeAll(bytes, to: descriptor, path: path)
        } catch {
            close(descriptor)
            throw error
        }
        guard close(descriptor) == 0 else { throw PlainFileError(path: path, reason: errnoText()) }
    }

    /// Writes every byte of `bytes` to `descriptor`, retrying interrupted writes.
    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32, path: String) throws(PlainFileError) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                throw PlainFileError(path: path, reason: errnoText())
            }
            offset += written
        }
    }

    /// Replaces `path` with `bytes` so a reader sees the old file or the new one, never half,
    /// and a crash leaves one of them: a hidden temporary file beside it (parents created),
    /// written, flushed to disk, renamed over `path`, and the folder flushed. The one atomic
    /// file write of rxpipe's own files (quality report, profiles, run records, caches).
    public static func replace(_ bytes: [UInt8], at path: String) throws(PlainFileError) {
        let parent = (path as NSString).deletingLastPathComponent
        let directory = parent.isEmpty ? "." : parent
        try makeDirectories(directory)
        let temp = directory + "/.\((path as NSString).lastPathComponent).tmp-\(getpid())"
        let descriptor = open(temp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw PlainFileError(path: temp, reason: errnoText()) }
        do throws(PlainFileError) {
            try writeAll(bytes, to: descriptor, path: temp)
            guard fsync(descriptor) == 0 else { throw PlainFileError(path: temp, reason: errnoText()) }
        } catch {
            close(descriptor)
            unlink(temp)
            throw error
        }
        guard close(descriptor) == 0 else {
            let reason = errnoText()
            unlink(temp)
            throw PlainFileError(path: temp, reason: reason)
        }
        guard rename(temp, path) == 0 else {
            let reason = errnoText()
            unlink(temp)
            throw PlainFileError(path: path, reason: reason)
        }
        let folder = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
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
                throw PlainFileError(path: current, reason: errnoText())
            }
        }
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else {
            throw PlainFileError(path: path, reason: "exists and is not a folder")
        }
    }
}
