import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Replaces a directory by another in one step, so readers see the old tree or the new one,
/// never a mix: Linux `renameat2(RENAME_EXCHANGE)` (looked up at run time; Glibc's Swift
/// module does not declare it), falling back to two renames where it is unavailable.
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

    private typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32

    /// The corresponding C function is `renameat2(…, RENAME_EXCHANGE)`.
    static func exchange(_ a: String, _ b: String) -> Bool {
        #if os(Linux)
            guard let symbol = dlsym(nil, "renameat2") else { return false }
            let call = unsafeBitCast(symbol, to: RenameAt2.self)
            let renameExchange: UInt32 = 2
            return call(AT_FDCWD, a, AT_FDCWD, b, renameExchange) == 0
        #else
            return false
        #endif
    }

    static func errnoText() -> String { String(cString: strerror(errno)) }
}
