import Crypto

/// Hex SHA-256, the content hash used in manifests.
public enum SHA256Hex {
    public static func of(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { String(format2: $0) }.joined()
    }
}
