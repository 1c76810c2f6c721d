/// What a publish will do: files to upload (new or changed), files already there, stale files to
/// delete. Built by comparing a digest per path on each side; every target chooses the digest
/// its store keeps (SHA-256 for directories, MD5/ETag for S3, blob ids for git).
public struct PublishPlan: Equatable, Sendable {
    public enum Reason: String, Sendable { case new, changed }

    public struct Upload: Equatable, Sendable {
        public let file: SiteFile
        public let reason: Reason

        /// 0 assets, 1 new pages, 2 changed pages, 3 the root index.html: a phase starts only
        /// when the one before it is complete.
        public var phase: Int {
            if !file.isPage { return 0 }
            if file.path == "index.html" { return 3 }
            return reason == .new ? 1 : 2
        }
    }

    /// In upload order: assets first, then new pages, then changed pages, the root index.html last,
    /// so no page goes live before what it references (and links from changed pages to new pages work).
    public let uploads: [Upload]
    public let keeps: [String]
    /// Stale paths, deleted only after every upload succeeded.
    public let deletes: [String]

    public var changesNothing: Bool { uploads.isEmpty && deletes.isEmpty }

    /// Files published now: kept, replaced or deleted by this plan.
    public var publishedNow: Int { keeps.count + uploads.filter { $0.reason == .changed }.count + deletes.count }

    /// Why the plan deletes too much of what is published (more than `maxShare` of it, as a new
    /// site of 32 pages replacing one of 89 would), or nil. A guard like rclone's `--max-delete`:
    /// a broken render should not take the published site down with it.
    public func shrinkRefusal(maxShare: Double) -> String? {
        let published = publishedNow
        guard published > 0, !deletes.isEmpty else { return nil }
        let share = Double(deletes.count) / Double(published)
        guard share > maxShare else { return nil }
        let percent = (share * 1000).rounded() / 10
        return "the new site would delete \(deletes.count) of the \(published) published files (\(percent)%; limit \(maxShare * 100)%), "
            + "e.g. \(deletes.prefix(3).joined(separator: ", ")); check the render, or pass --allow-shrink if the site is meant to shrink"
    }

    /// Compares `local` files (with `localDigest` of each) against `remote` digests by path.
    public static func make(
        local: [SiteFile], localDigest: (SiteFile) -> String, remote: [String: String]
    ) -> PublishPlan {
        var uploads: [Upload] = []
        var keeps: [String] = []
        var seen = Set<String>()
        for file in local {
            seen.insert(file.path)
            switch remote[file.path] {
            case nil: uploads.append(Upload(file: file, reason: .new))
            case let digest? where digest == localDigest(file): keeps.append(file.path)
            default: uploads.append(Upload(file: file, reason: .changed))
            }
        }
        let deletes = remote.keys.filter { !seen.contains($0) }.sorted(by: byteOrder)
        return PublishPlan(uploads: ordered(uploads), keeps: keeps, deletes: deletes)
    }

    /// One line per file: `upload <path> (new|changed)`, `keep <path>`, `delete <path>`, then a summary.
    public func render() -> String {
        var lines = uploads.map { "upload\t\($0.file.path)\t\($0.reason.rawValue)" }
        lines += keeps.map { "keep\t\($0)" }
        lines += deletes.map { "delete\t\($0)" }
        lines.append(summary)
        return lines.joined(separator: "\n") + "\n"
    }

    public var summary: String {
        "\(uploads.count) to upload, \(keeps.count) unchanged, \(deletes.count) to delete"
    }

    static func ordered(_ uploads: [Upload]) -> [Upload] {
        uploads.enumerated().sorted { a, b in
            let (ra, rb) = (a.element.phase, b.element.phase)
            return ra != rb ? ra < rb : a.offset < b.offset
        }.map(\.element)
    }

    static func byteOrder(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }
}
