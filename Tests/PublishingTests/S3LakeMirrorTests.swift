import Digests
import Foundation
import Lake
import Testing

@testable import LakeMirror
@testable import Publishing

/// The local copy of a lake on S3: pulled by manifest (uncommitted files never arrive), pushed in
/// commit order (data, manifests, run records, then deletions), and incremental both ways.
@Suite struct S3LakeMirrorTests {
    func mirror(_ fake: FakeS3, root: URL) throws -> S3LakeMirror {
        let credentials = AWSCredentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret", sessionToken: nil, source: "test")
        let client = S3Client(
            location: S3Location(bucket: fake.bucket, prefix: "lake"),
            endpoint: try S3Endpoint(bucket: fake.bucket, region: "us-east-1", endpointURL: "http://127.0.0.1:1"),
            signer: SigV4Signer(credentials: credentials, region: "us-east-1"), transport: fake,
            retry: RetryPolicy(maxAttempts: 2, baseDelay: 0.001, maxDelay: 0.01))
        return S3LakeMirror(client: client, root: root.path, width: 3)
    }

    /// A one-table lake written by rxpipe's own writer into `root`.
    func writeTable(_ root: URL, rows: [Int64]) throws {
        let writer = try TableWriter(
            lake: Lake(root: root.path), table: try Lake.TableName(parsing: "curated/kpi"), schema: Schema([Field("n", .int64)]))
        try writer.write([try ColumnVector.from(rows.map { .int64($0) }, type: .int64)])
        _ = try writer.commit()
    }

    func put(_ fake: FakeS3, _ files: [String: Data]) throws {
        let m = try mirror(fake, root: scratch("lake-seed"))
        for (path, body) in files.sorted(by: { $0.key < $1.key }) {
            try m.client.put(path: path, body: body, md5: Hex.string(MD5.hash(data: body)), sha256: Hex.string(SHA256.hash(data: body)))
        }
    }

    func upload(_ fake: FakeS3, lake root: URL) throws {
        var files: [String: Data] = [:]
        for path in try FileManager.default.subpathsOfDirectory(atPath: root.path) where !LakePaths.isLocalOnly(path) {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: root.path + "/" + path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[path] = FileManager.default.contents(atPath: root.path + "/" + path)!
            }
        }
        try put(fake, files)
    }

    @Test func pullFetchesOnlyWhatTheManifestsListAndOnlyOnce() throws {
        let source = scratch("lake-source"), copy = scratch("lake-copy")
        try writeTable(source, rows: [1, 2, 3])
        let fake = FakeS3(bucket: "lake-bucket")
        try upload(fake, lake: source)
        try put(fake, [
            "curated/kpi/_SUCCESS": Data(), "curated/kpi/part-v000009-00000.parquet": Data("uncommitted".utf8),
            "curated/kpi/_temporary/0/x.parquet": Data("in flight".utf8), "profiles/curated/kpi.json": Data("{}".utf8),
        ])
        let m = try mirror(fake, root: copy)
        let first = try m.pull()
        #expect(first.tables == 1)
        #expect(try m.localFiles() == ["curated/kpi/_manifest.json", "curated/kpi/part-v000001-00000.parquet", "profiles/curated/kpi.json"])
        let table = try Lake(root: copy.path).open(try Lake.TableName(parsing: "curated/kpi"))
        var seen: [Int64] = []
        try table.scan { batch in if case .int64(let v) = batch.columns[0].values { seen += v } }
        #expect(seen == [1, 2, 3])
        let gets = fake.requests().filter { $0.method == "GET" && !$0.key.isEmpty }.count
        let second = try m.pull()
        #expect(second.transferred == 0 && second.unchanged == 2)
        #expect(fake.requests().filter { $0.method == "GET" && !$0.key.isEmpty }.count == gets, "a current copy fetches nothing")
    }

    @Test func aFileThatIsNotWhatItsManifestSaysIsRefused() throws {
        let source = scratch("lake-source-bad"), copy = scratch("lake-copy-bad")
        try writeTable(source, rows: [7])
        let fake = FakeS3(bucket: "lake-bucket")
        try upload(fake, lake: source)
        try put(fake, ["curated/kpi/part-v000001-00000.parquet": Data("changed".utf8)])
        #expect(throws: LakeMirrorError.self) { try mirror(fake, root: copy).pull() }
        #expect(!FileManager.default.fileExists(atPath: copy.path + "/curated/kpi/_manifest.json"), "no manifest arrives without its files")
    }

    @Test func pushUploadsDataThenManifestsThenRecordsAndDeletesLast() throws {
        let copy = scratch("lake-push")
        let fake = FakeS3(bucket: "lake-bucket")
        let m = try mirror(fake, root: copy)
        _ = try m.pull()
        try writeTable(copy, rows: [1])
        try write(["runs/r1/manifest.json": Data("{}".utf8), "profiles/curated/kpi.json": Data("{}".utf8)], under: copy)
        _ = try m.push()
        // A second version replaces the first part file.
        try writeTable(copy, rows: [2])
        let before = fake.requests().count
        let report = try m.push()
        let log = fake.requests().dropFirst(before).map { "\($0.method) \($0.key)" }
        #expect(log == ["PUT lake/curated/kpi/part-v000002-00000.parquet", "PUT lake/curated/kpi/_manifest.json",
                        "DELETE lake/curated/kpi/part-v000001-00000.parquet"])
        #expect(report.transferred == 2 && report.removed == 1)
        let first = fake.requests().prefix(before).map { "\($0.method) \($0.key)" }.filter { $0.hasPrefix("PUT") }
        let rank = { (line: String) in line.hasSuffix("_manifest.json") ? 1 : line.contains("/runs/") ? 2 : 0 }
        #expect(first.map(rank) == first.map(rank).sorted(), "data before manifests before run records: \(first)")
        #expect(!fake.snapshot().keys.contains { $0.hasSuffix("_lock") || $0.contains(".rxpipe-mirror") })
    }
}
