import ArgumentParser
import Foundation
import Publishing

/// Test hook, hidden from help: signs requests described on stdin (JSON lines) exactly as
/// `rxpipe publish` would, so an independent signer (botocore, in tests/oracles) can check every
/// byte. Credentials and region come from the AWS environment like a real publish.
///
/// Each input line is either a raw request
///   {"amz_date": "20150830T123600Z", "service": "s3", "method": "GET", "path": "/a%20b",
///    "query": [["k", "v"]], "headers": [["Host", "h"]], "body_base64": ""}
/// or an S3 operation as publish builds it
///   {"amz_date": …, "operation": "put|list|delete", "to": "s3://bucket/prefix",
///    "endpoint_url": "http://127.0.0.1:9000", "path": "site/path.html", "body_base64": "…",
///    "continuation_token": "…"}.
/// Each output line: {"method", "url", "headers": [[name, value]], "canonical_request",
/// "string_to_sign", "authorization"}.
struct PublishSignRequestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign-request", abstract: "Sign requests read from stdin (test hook).", shouldDisplay: false)

    func run() throws {
        try reportingErrors {
            let environment = AWSEnvironment()
            let credentials = try environment.credentials()
            while let line = readLine(strippingNewline: true) {
                if line.isEmpty { continue }
                guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                    throw CommandFailure.usage("sign-request: each line must be a JSON object")
                }
                let output = try sign(object, credentials: credentials, region: object["region"] as? String ?? environment.region)
                let data = try JSONSerialization.data(withJSONObject: output, options: [.sortedKeys])
                print(String(decoding: data, as: UTF8.self))
            }
        }
    }

    private func sign(_ object: [String: Any], credentials: AWSCredentials, region: String) throws -> [String: Any] {
        guard let amzDate = object["amz_date"] as? String else { throw CommandFailure.usage("sign-request: amz_date is required") }
        let body = Data(base64Encoded: object["body_base64"] as? String ?? "") ?? Data()
        if let operation = object["operation"] as? String {
            let location = try S3Location(parsing: object["to"] as? String ?? "")
            let endpoint = try S3Endpoint(bucket: location.bucket, region: region, endpointURL: object["endpoint_url"] as? String)
            let client = S3Client(
                location: location, endpoint: endpoint, signer: SigV4Signer(credentials: credentials, region: region),
                transport: URLSessionTransport())
            let path = object["path"] as? String ?? ""
            let built: S3Client.Operation
            switch operation {
            case "list": built = client.listOperation(continuationToken: object["continuation_token"] as? String)
            case "delete": built = client.deleteOperation(path: path)
            case "put":
                let file = SiteFile.digests(of: body, path: path)
                built = client.putOperation(path: path, body: body, md5: file.md5, sha256: file.sha256)
            default: throw CommandFailure.usage("sign-request: unknown operation \(operation)")
            }
            guard let date = SigV4Signer.date(amzDate: amzDate) else { throw CommandFailure.usage("sign-request: bad amz_date") }
            let (request, signature) = client.signedRequest(built, date: date)
            return [
                "method": request.method, "url": request.url.absoluteString,
                "headers": request.headers.map { [$0.name, $0.value] },
                "canonical_request": signature.canonicalRequest, "string_to_sign": signature.stringToSign,
                "authorization": signature.authorization,
            ]
        }
        let pairs = { (key: String) -> [(name: String, value: String)] in
            (object[key] as? [[String]] ?? []).map { (name: $0[0], value: $0.count > 1 ? $0[1] : "") }
        }
        let signer = SigV4Signer(credentials: credentials, region: region, service: object["service"] as? String ?? "s3")
        let signature = signer.sign(
            SigningRequest(
                method: object["method"] as? String ?? "GET", encodedPath: object["path"] as? String ?? "/",
                query: pairs("query"), headers: pairs("headers"), payloadHash: SiteFile.digests(of: body, path: "").sha256),
            amzDate: amzDate)
        return [
            "canonical_request": signature.canonicalRequest, "string_to_sign": signature.stringToSign,
            "authorization": signature.authorization,
        ]
    }
}
