import Foundation

/// Publishes a site to `s3://bucket/prefix` so the bucket always holds a complete site:
/// 1. list what is there (ETag = MD5 of single-part uploads) and upload only what differs;
/// 2. upload in phases — assets, then new pages, then changed pages, then the root index.html —
///    each phase finished before the next starts, so no page goes live before what it references;
/// 3. only when every upload succeeded, delete stale keys (pages first, then assets, so no stale
///    page is left pointing at a deleted asset).
/// A failure at any point leaves the old site plus complete new files; running again finishes the job.
public struct S3Publisher: Sendable {
    public let client: S3Client
    /// Requests in flight at once.
    public let width: Int

    public init(client: S3Client, width: Int = 8) {
        self.client = client
        self.width = width
    }

    public func plan(_ site: SiteInventory) throws -> PublishPlan {
        for file in site.files where file.path.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7f }) {
            throw PublishError.siteUnreadable(
                path: site.url(of: file).path, reason: "a file name with control characters cannot be an S3 key")
        }
        return PublishPlan.make(local: site.files, localDigest: \.md5, remote: try client.listSite())
    }

    public func publish(_ site: SiteInventory, plan: PublishPlan, events: @escaping @Sendable (PublishEvent) -> Void)
        throws -> PublishReport
    {
        var phases: [[PublishPlan.Upload]] = [[], [], [], []]
        for upload in plan.uploads { phases[upload.phase].append(upload) }
        let client = self.client
        for phase in phases {
            try parallelForEach(phase, width: width) { upload in
                let url = site.url(of: upload.file)
                let body: Data
                do {
                    body = try Data(contentsOf: url)
                } catch {
                    throw PublishError.siteUnreadable(path: url.path, reason: "vanished or unreadable during publish")
                }
                try client.put(path: upload.file.path, body: body, md5: upload.file.md5, sha256: upload.file.sha256)
                events(.uploaded(path: upload.file.path, bytes: body.count))
            }
        }
        let pages = plan.deletes.filter(SiteFile.isPage)
        let assets = plan.deletes.filter { !SiteFile.isPage($0) }
        for group in [pages, assets] {
            try parallelForEach(group, width: width) { path in
                try client.delete(path: path)
                events(.deleted(path: path))
            }
        }
        return PublishReport(
            uploaded: plan.uploads.count, kept: plan.keeps.count, deleted: plan.deletes.count,
            bytesUploaded: plan.uploads.reduce(0) { $0 + $1.file.size })
    }
}
