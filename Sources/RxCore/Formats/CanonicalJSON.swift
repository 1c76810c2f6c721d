import Foundation

/// JSON as rxpipe writes every file of its own (manifests, quality.json, run records): sorted
/// keys, pretty, no escaped slashes, a newline at the end — so the same value is the same bytes.
public enum CanonicalJSON {
    public static func encode<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        var data = try encoder.encode(value)
        data.append(0x0A)
        return data
    }
}
