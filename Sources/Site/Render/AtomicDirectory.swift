import CFileSwap
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Replaces a directory by another in one step, so readers see the old tree or the new one,
/// never a mix: Linux `renameat2(RENAME_EXCHANGE)`, falling back to two renames on a
/// filesystem that cannot exchange.
public enum AtomicDirectory {
    public static func replace(_ target: String, with staged: String) throws(SiteError) {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        if !fm.fileExists(atPath: target, isDirectory: &isDir) {
            guard rename(staged, target) == 0 else { throw .writeFailed(path: target, reason: errnoText()) }
            return
        }
        guard isDir.boolValue else { throw .writeFailed(path: target, reason: "exists and is not a directory") }
        if exchange(staged, target) {
            try? fm.removeItem(atPath: staged)  // now holds the old tree
            return
        }
        let old = target + ".old-" + String(getpid())
        guard rename(target, old) == 0 else { throw .writeFailed(path: target, reason: errnoText()) }
        guard rename(staged, target) == 0 else {
            _ = rename(old, target)
            throw .writeFailed(path: target, reason: errnoText())
        }
        try? fm.removeItem(atPath: old)
    }

    /// The corresponding C function is `renameat2(…, RENAME_EXCHANGE)` (through `CFileSwap`).
    static func exchange(_ a: String, _ b: String) -> Bool {
        rx_rename_exchange(a, b) == 0
    }

    static func errnoText() -> String { String(cString: strerror(errno)) }
}
