import RxCore

/// The rendered site's swap: `DirectoryReplacement` with the two-rename fallback on a
/// filesystem that cannot exchange.
public enum AtomicDirectory {
    public static func replace(_ target: String, with staged: String) throws(SiteError) {
        do {
            try DirectoryReplacement.replace(target, with: staged, fallback: .twoRenames)
        } catch {
            throw .writeFailed(path: error.path, reason: error.reason)
        }
    }
}
