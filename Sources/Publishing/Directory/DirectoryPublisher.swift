import Foundation
import RxCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Publishes a site into a local directory `target` that always holds one complete site.
///
/// The new tree is built beside the old one (`.<name>.rxpipe-staging` in the same parent, so on the
/// same filesystem): unchanged files are hard-linked from the current tree (no copy), changed and
/// new files are copied from the site. Then one `renameat2(RENAME_EXCHANGE)` swaps the two
/// directory entries atomically and the old tree (now under the staging name) is removed.
///
/// Why an exchange rather than a symlink flip: the target stays a plain directory, so a web
/// server, rsync or a user's `--to /srv/www/site` sees exactly the path they named, with no
/// releases folder to manage; a symlink flip would need the target to be a symlink from the first
/// publish on, and converting an existing directory into one cannot be done atomically. The
/// exchange needs Linux ≥ 3.15 on ext4/xfs/btrfs/tmpfs (macOS: `renamex_np(RENAME_SWAP)`); on a
/// filesystem without it (NFS, some FUSE) the publish stops with an error and the target unchanged.
public struct DirectoryPublisher: Sendable {
    public let target: URL

    public init(target: URL) {
        self.target = target.standardizedFileURL
    }

    var staging: URL { target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).rxpipe-staging") }
    var lockFile: URL { target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).rxpipe-lock") }

    /// Compares the site with what the target holds now (SHA-256 of every file).
    public func plan(_ site: SiteInventory) throws -> PublishPlan {
        try checkSeparate(site)
        var current: [String: String] = [:]
        if exists(target) {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: target.path, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw PublishError.directory(path: target.path, step: "read", reason: "it exists and is not a directory")
            }
            for file in try SiteInventory.scan(target).files { current[file.path] = file.sha256 }
        }
        return PublishPlan.make(local: site.files, localDigest: \.sha256, remote: current)
    }

    /// Plans under the lock (another publish may have just finished), builds the new tree and
    /// swaps it in; does nothing when nothing changed.
    public func publish(_ site: SiteInventory, events: @Sendable (PublishEvent) -> Void) throws -> PublishReport {
        let lock = try DirectoryLock(lockFile)
        defer { lock.release() }
        let plan = try self.plan(site)
        if plan.changesNothing {
            return PublishReport(uploaded: 0, kept: plan.keeps.count, deleted: 0, bytesUploaded: 0, detail: "unchanged")
        }
        let manager = FileManager.default
        if exists(staging) { try step("remove leftover", staging) { try manager.removeItem(at: staging) } }
        try step("create", staging) { try manager.createDirectory(at: staging, withIntermediateDirectories: true) }
        do {
            let uploads = Set(plan.uploads.map(\.file.path))
            for file in site.files {
                let destination = staging.appendingPathComponent(file.path)
                try step("create", destination.deletingLastPathComponent()) {
                    try manager.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
                }
                if uploads.contains(file.path) {
                    try step("copy into", destination) { try manager.copyItem(at: site.url(of: file), to: destination) }
                    events(.uploaded(path: file.path, bytes: file.size))
                } else {
                    let current = target.appendingPathComponent(file.path)
                    if link(current.path, destination.path) != 0 {
                        try step("copy into", destination) { try manager.copyItem(at: current, to: destination) }
                    }
                }
            }
            try swapIn()
        } catch {
            try? manager.removeItem(at: staging)
            throw error
        }
        for path in plan.deletes { events(.deleted(path: path)) }
        return PublishReport(
            uploaded: plan.uploads.count, kept: plan.keeps.count, deleted: plan.deletes.count,
            bytesUploaded: plan.uploads.reduce(0) { $0 + $1.file.size })
    }

    /// The exchange (or, on a first publish, a plain rename); the old tree is removed
    /// afterwards. A filesystem that cannot exchange is refused, never half-published.
    private func swapIn() throws {
        do {
            try DirectoryReplacement.replace(target.path, with: staging.path, fallback: .refuse)
        } catch {
            throw PublishError.directory(path: error.path, step: error.step, reason: error.reason)
        }
    }

    private func checkSeparate(_ site: SiteInventory) throws {
        let a = site.root.standardizedFileURL.resolvingSymlinksInPath().path + "/"
        let b = target.resolvingSymlinksInPath().path + "/"
        if a.hasPrefix(b) || b.hasPrefix(a) {
            throw PublishError.badTarget(target.path, reason: "the target and the site directory \(site.root.path) overlap")
        }
    }

    private func exists(_ url: URL) -> Bool {
        var info = stat()
        return lstat(url.path, &info) == 0
    }

    private func step(_ what: String, _ url: URL, _ body: () throws -> Void) throws {
        do {
            try body()
        } catch {
            throw PublishError.directory(path: url.path, step: what, reason: error.localizedDescription)
        }
    }
}

