import Foundation
import Testing

@testable import Publishing

/// AWS's published Signature Version 4 test suite ("basic" group): canonical request, string to
/// sign and Authorization must match byte for byte. Fixture provenance is inside the JSON.
@Suite struct SigV4TestSuiteTests {
    struct Vector: Decodable {
        let name: String
        let method: String
        let path: String
        let query: String
        let headers: [[String]]
        let body: String
        let creq: String
        let sts: String
        let authz: String
    }

    struct Suite: Decodable {
        struct Config: Decodable {
            let region: String
            let service: String
            let accessKeyId: String
            let secretAccessKey: String
        }
        let config: Config
        let tests: [Vector]
    }

    static let suite: Suite = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/sigv4-basic.json")
        return try! JSONDecoder().decode(Suite.self, from: Data(contentsOf: url))
    }()

    @Test(arguments: suite.tests.map(\.name))
    func matchesAWSVector(_ name: String) throws {
        let suite = Self.suite
        let vector = try #require(suite.tests.first { $0.name == name })
        let signer = SigV4Signer(
            credentials: AWSCredentials(
                accessKeyId: suite.config.accessKeyId, secretAccessKey: suite.config.secretAccessKey, sessionToken: nil,
                source: "test"),
            region: suite.config.region, service: suite.config.service)
        let query: [(name: String, value: String)] = vector.query.isEmpty
            ? []
            : vector.query.split(separator: "&").map { pair in
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                return (
                    name: AWSURIEncoding.decode(String(parts[0]))!,
                    value: parts.count > 1 ? AWSURIEncoding.decode(String(parts[1]))! : ""
                )
            }
        let amzDate = vector.headers.first { $0[0].lowercased() == "x-amz-date" }![1]
        let request = SigningRequest(
            method: vector.method, encodedPath: vector.path, query: query,
            headers: vector.headers.map { (name: $0[0], value: $0[1]) },
            payloadHash: SiteFile.digests(of: Data(vector.body.utf8), path: "").sha256)
        let signature = signer.sign(request, amzDate: amzDate)
        #expect(signature.canonicalRequest == vector.creq)
        // Two published vectors are inconsistent in AWS's own files: their string to sign is not
        // the hash of their canonical request (the creq gained Content-Length, sts/authz did
        // not follow). For those only the canonical request can be checked.
        let creqHash = SiteFile.digests(of: Data(vector.creq.utf8), path: "").sha256
        if vector.sts.hasSuffix(creqHash) {
            #expect(signature.stringToSign == vector.sts)
            #expect(signature.authorization == vector.authz)
        } else {
            #expect(Self.inconsistentInSuite.contains(name))
            #expect(signature.stringToSign.hasSuffix(creqHash))
        }
    }

    static let inconsistentInSuite: Set = ["post-x-www-form-urlencoded", "post-x-www-form-urlencoded-parameters"]

    @Test func suiteIsComplete() {
        #expect(Self.suite.tests.count == 20)
    }

    @Test func encodesLikeAWS() {
        #expect(AWSURIEncoding.encode("a b+c%d/é~_.-", keepSlash: true) == "a%20b%2Bc%25d/%C3%A9~_.-")
        #expect(AWSURIEncoding.encode("a/b", keepSlash: false) == "a%2Fb")
        #expect(AWSURIEncoding.decode("a%20b%2Bc+%C3%A9") == "a b+c+é")
        #expect(AWSURIEncoding.decode("%zz") == nil)
    }

    @Test func amzDateRoundTrips() throws {
        let date = try #require(SigV4Signer.date(amzDate: "20150830T123600Z"))
        #expect(SigV4Signer.amzDate(date) == "20150830T123600Z")
        #expect(SigV4Signer.date(amzDate: "2015-08-30") == nil)
    }
}
