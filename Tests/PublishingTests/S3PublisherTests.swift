import Foundation
import Testing

@testable import Publishing

@Suite struct S3PublisherTests {
    func client(_ fake: FakeS3, prefix: String = "reports/partd", attempts: Int = 6) throws -> S3Client {
        let location = S3Location(bucket: fake.bucket, prefix: prefix)
        let credentials = AWSCredentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret", sessionToken: "token", source: "test")
        return S3Client(
            location: location,
            endpoint: try S3Endpoint(bucket: fake.bucket, region: "us-east-1", endpointURL: "http://127.0.0.1:1"),
            signer: SigV4Signer(credentials: credentials, region: "us-east-1"), transport: fake,
            retry: RetryPolicy(maxAttempts: attempts, baseDelay: 0.001, maxDelay: 0.01))
    }

    func publish(_ site: URL, _ client: S3Client, width: Int = 4) throws -> (PublishPlan, EventLog) {
        let inventory = try SiteInventory.scan(site)
        let publisher = S3Publisher(client: client, width: width)
        let plan = try publisher.plan(inventory)
        let log = EventLog()
        _ = try publisher.publish(inventory, plan: plan, events: log.record)
        return (plan, log)
    }

    func bucketSite(_ fake: FakeS3, prefix: String = "reports/partd/") -> [String: Data] {
        Dictionary(uniqueKeysWithValues: fake.snapshot().compactMap { key, object in
            key.hasPrefix(prefix) ? (String(key.dropFirst(prefix.count)), object.body) : nil
        })
    }

    @Test func publishesEverythingWithTypesAndCachePolicy() throws {
        let site = scratch("s3-first")
        try write(sampleSite(), under: site)
        let fake = FakeS3(bucket: "site-bucket", pageSize: 3)
        _ = try publish(site, try client(fake))
        #expect(bucketSite(fake) == sampleSite())
        let objects = fake.snapshot()
        #expect(objects["reports/partd/index.html"]?.contentType == "text/html; charset=utf-8")
        #expect(objects["reports/partd/index.html"]?.cacheControl == "no-cache")
        #expect(objects["reports/partd/assets/app.3f2a9c1d.css"]?.cacheControl == "public, max-age=31536000, immutable")
        #expect(objects["reports/partd/assets/app.js"]?.cacheControl == "no-cache")
        #expect(objects["reports/partd/charts/bar.png"]?.contentType == "image/png")
        #expect(objects["reports/partd/reports/état-ünïcödé.html"] != nil)
        #expect(objects["reports/partd/data/100%.json"]?.sha256 == SiteFile.digests(of: sampleSite()["data/100%.json"]!, path: "").sha256)
        // Every asset went up before any page; the root index.html last.
        let puts = fake.requests().filter { $0.method == "PUT" }.map(\.key)
        let firstPage = puts.firstIndex { $0.hasSuffix(".html") }!
        #expect(puts[firstPage...].allSatisfy { $0.hasSuffix(".html") })
        #expect(puts.last == "reports/partd/index.html")
    }

    @Test func onlyChangesAreUploadedAndStaleKeysDeletedLast() throws {
        let site = scratch("s3-incremental")
        try write(sampleSite(), under: site)
        let fake = FakeS3(bucket: "site-bucket", pageSize: 4)
        // A key outside the prefix is never touched.
        let other = SiteFile.digests(of: Data("x".utf8), path: "keep.txt")
        try client(fake, prefix: "elsewhere").put(path: "keep.txt", body: Data("x".utf8), md5: other.md5, sha256: other.sha256)
        let s3 = try client(fake)
        _ = try publish(site, s3)
        let (again, _) = try publish(site, s3)
        #expect(again.changesNothing)
        try Data("<html>about, revised</html>".utf8).write(to: site.appendingPathComponent("about.html"))
        try FileManager.default.removeItem(at: site.appendingPathComponent("reports/drug list.html"))
        try FileManager.default.removeItem(at: site.appendingPathComponent("charts/map.svg"))
        let before = fake.requests().count
        let (plan, log) = try publish(site, s3)
        #expect(plan.uploads.map(\.file.path) == ["about.html"])
        #expect(log.uploaded == ["about.html"])
        #expect(log.deleted == ["reports/drug list.html", "charts/map.svg"])
        let requests = fake.requests()[before...].map { "\($0.method) \($0.key)" }
        #expect(requests == [
            "GET ", "GET ", "GET ", "PUT reports/partd/about.html", "DELETE reports/partd/reports/drug list.html",
            "DELETE reports/partd/charts/map.svg",
        ])
        #expect(fake.snapshot()["elsewhere/keep.txt"] != nil)
    }

    @Test func a503BurstIsRetried() throws {
        let site = scratch("s3-503")
        try write(sampleSite(), under: site)
        let fake = FakeS3(bucket: "site-bucket")
        fake.scriptedFailures = [503, 503, 500, 503, 503]
        _ = try publish(site, try client(fake, attempts: 8), width: 1)
        #expect(bucketSite(fake) == sampleSite())
    }

    @Test func aPersistentFailureDeletesNothingAndKeepsTheOldSite() throws {
        let site = scratch("s3-failure")
        try write(sampleSite(), under: site)
        let fake = FakeS3(bucket: "site-bucket")
        let s3 = try client(fake, attempts: 3)
        _ = try publish(site, s3)
        let old = bucketSite(fake)
        try Data("body{color:red}".utf8).write(to: site.appendingPathComponent("assets/app.css"))
        try Data("<html>new index</html>".utf8).write(to: site.appendingPathComponent("index.html"))
        try FileManager.default.removeItem(at: site.appendingPathComponent("about.html"))
        fake.failPutsOf = (key: "reports/partd/index.html", status: 500)
        #expect(throws: PublishError.s3Request(operation: "PutObject", key: "reports/partd/index.html", status: 500, reason: "InternalError")) {
            try publish(site, s3)
        }
        var expected = old
        expected["assets/app.css"] = Data("body{color:red}".utf8)
        // The stale page is still there and the old index still links to a complete site.
        #expect(bucketSite(fake) == expected)
        #expect(!fake.requests().contains { $0.method == "DELETE" })
    }

    @Test func accessDeniedNamesBucketAndPrefix() throws {
        let site = scratch("s3-403")
        try write(sampleSite(), under: site)
        let fake = FakeS3(bucket: "site-bucket")
        fake.scriptedFailures = [403]
        #expect(throws: PublishError.s3Access(bucket: "site-bucket", prefix: "reports/partd", status: 403, code: "AccessDenied", operation: "ListObjectsV2")) {
            try publish(site, try client(fake))
        }
        let message = PublishError.s3Access(bucket: "site-bucket", prefix: "reports/partd", status: 403, code: "AccessDenied", operation: "ListObjectsV2").description
        #expect(message.contains("s3://site-bucket/reports/partd"))
    }
}
