import CFileSwap
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Replaces a directory by a staged one in one step, so readers see the old tree or the new
/// one, never a mix: `renameat2(RENAME_EXCHANGE)` (macOS: `renamex_np(RENAME_SWAP)`), the old
/// tree removed afterwards. The one routine behind the rendered site's swap and `publish` to a
/// directory; they differ only in what to do on a filesystem that cannot exchange.
public enum DirectoryReplacement {
    public enum Fallback: Sendable {
        /// Rename the old tree aside, then the new one in (a moment without the directory);
        /// the old tree is put back if the second rename fails. Fine for rxpipe's own site.
        case twoRenames
        /// Refuse: a published directory that a web server serves must never be missing.
        case refuse
    }

    public struct Failure: Error, Equatable, CustomStringConvertible {
        public let path: String
        /// What was being done: "rename into place", "swap in the new tree at", …
        public let step: String
        public let reason: String
        public var description: String { "\(step) \(path): \(reason)" }

        public init(path: String, step: String, reason: String) {
            self.path = path
            self.step = step
            self.reason = reason
        }
    }

    public static func replace(_ target: String, with staged: String, fallback: Fallback) throws(Failure) {
        var info = stat()
        guard lstat(target, &info) == 0 else {
            // First time: nothing to exchange with.
            guard rename(staged, target) == 0 else { throw Failure(path: target, step: "rename into place", reason: errnoText()) }
            return
        }
        guard info.st_mode & S_IFMT == S_IFDIR else {
            throw Failure(path: target, step: "replace", reason: "exists and is not a directory")
        }
        if rx_rename_exchange(staged, target) == 0 {
            try? FileManager.default.removeItem(atPath: staged)  // now holds the old tree
            return
        }
        let reason = errnoText()
        switch fallback {
        case .refuse:
            throw Failure(
                path: target, step: "swap in the new tree at",
                reason: "atomic exchange failed (\(reason)); the filesystem must support renameat2 RENAME_EXCHANGE")
        case .twoRenames:
            let old = target + ".old-" + String(getpid())
            guard rename(target, old) == 0 else { throw Failure(path: target, step: "move aside", reason: errnoText()) }
            guard rename(staged, target) == 0 else {
                let reason = errnoText()
                _ = rename(old, target)
                throw Failure(path: target, step: "rename into place", reason: reason)
            }
            try? FileManager.default.removeItem(atPath: old)
        }
    }
}
