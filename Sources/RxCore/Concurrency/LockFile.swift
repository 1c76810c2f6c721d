import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// An exclusive `flock` on a file that names its holder (`pid N`). The kernel drops the lock
/// when the holder dies, even by SIGKILL; the note stays, so the next holder can tell a stale
/// lock from a clean end (release empties the file). The one lock primitive behind the run lock
/// and the site lock.
public final class LockFile {
    public enum Failure: Error, Equatable {
        /// Another live process holds it (not waiting); its note.
        case busy(holder: String)
        case io(path: String, reason: String)
    }

    public let path: String
    /// What the file said when this process took the lock: a dead holder's note, or "".
    public let previousNote: String
    private var fd: Int32

    /// Takes the lock. When another process holds it: throws `.busy` unless `wait`, else calls
    /// `waiting` with its note and blocks until it is free.
    public init(path: String, wait: Bool, waiting: (String) -> Void = { _ in }) throws(Failure) {
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .io(path: path, reason: String(cString: strerror(errno))) }
        func failing(_ failure: Failure) -> Failure {
            close(descriptor)
            return failure
        }
        if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK else { throw failing(.io(path: path, reason: String(cString: strerror(errno)))) }
            let note = Self.note(descriptor)
            let holder = note.isEmpty ? "unknown process" : note
            guard wait else { throw failing(.busy(holder: holder)) }
            waiting(holder)
            while flock(descriptor, LOCK_EX) != 0 {
                guard errno == EINTR else { throw failing(.io(path: path, reason: String(cString: strerror(errno)))) }
            }
        }
        self.path = path
        previousNote = Self.note(descriptor)
        fd = descriptor
        let mine = Array("pid \(getpid())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = pwrite(fd, mine, mine.count, 0)
    }

    /// The file's text, trimmed.
    private static func note(_ descriptor: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 512)
        let n = pread(descriptor, &buffer, buffer.count, 0)
        return n > 0 ? String(decoding: buffer[0..<n], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) : ""
    }

    /// Releases the lock and empties the file (an empty file means its last holder ended cleanly).
    public func release() {
        guard fd >= 0 else { return }
        _ = ftruncate(fd, 0)
        _ = flock(fd, LOCK_UN)
        close(fd)
        fd = -1
    }

    deinit { release() }
}
