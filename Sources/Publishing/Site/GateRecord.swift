import Foundation

/// The quality-gate outcome a site was built under: `<site>/.rxpipe-gates.json`, written by
/// `rxpipe render` (see docs/tables.md, "site contract"). Publishing a site whose record says
/// `"passed": false` is refused unless the user allows it.
public struct GateRecord: Equatable, Sendable, Decodable {
    public static let fileName = ".rxpipe-gates.json"

    public let passed: Bool
    /// Human-readable names of the failed gates (may be empty).
    public let failed: [String]
    /// The curated data version the site shows, so the lake's verdict on it can be checked.
    public let dataVersion: String?
    /// Whether the site was rendered from pseudonymised data.
    public let pseudonymized: Bool

    public init(passed: Bool, failed: [String], dataVersion: String? = nil, pseudonymized: Bool = false) {
        self.passed = passed
        self.failed = failed
        self.dataVersion = dataVersion
        self.pseudonymized = pseudonymized
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        passed = try container.decode(Bool.self, forKey: .passed)
        failed = try container.decodeIfPresent([String].self, forKey: .failed) ?? []
        dataVersion = try container.decodeIfPresent(String.self, forKey: .dataVersion)
        pseudonymized = try container.decodeIfPresent(Bool.self, forKey: .pseudonymized) ?? false
    }

    private enum Keys: String, CodingKey {
        case passed, failed, pseudonymized
        case dataVersion = "data_version"
    }

    /// The record in `siteRoot`, or nil when the site has none (a site not built by `rxpipe render`).
    public static func read(siteRoot: URL) throws -> GateRecord? {
        let url = siteRoot.appendingPathComponent(fileName)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        do {
            return try JSONDecoder().decode(GateRecord.self, from: try Data(contentsOf: url))
        } catch let error as DecodingError {
            throw PublishError.gateRecordInvalid(path: url.path, reason: reason(error))
        } catch {
            throw PublishError.gateRecordInvalid(path: url.path, reason: "cannot be read (\(error.localizedDescription))")
        }
    }

    private static func reason(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, _): return "\"\(key.stringValue)\" is missing"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            let key = context.codingPath.first?.stringValue ?? "the document"
            return key == "passed" ? "\"passed\" is not true or false" : "\"\(key)\" has the wrong type"
        case .dataCorrupted: return "not a JSON object"
        @unknown default: return "not the expected JSON"
        }
    }
}
