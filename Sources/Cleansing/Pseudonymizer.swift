import Digests
import Foundation

/// Replaces NPIs by keyed pseudonyms: HMAC-SHA256(key, decimal text of the NPI), first 8
/// bytes big-endian, folded into 2^61…2^63-1 so a pseudonym is never a 10-digit number.
/// The key never appears in output, logs or errors.
final class Pseudonymizer {
    static let keyVariable = "RXPIPE_PSEUDONYM_KEY"
    private let mac: HMACSHA256
    private var cache: [Int64: Int64] = [:]
    private var last: (Int64, Int64)? = nil

    init(key: [UInt8]) { mac = HMACSHA256(key: key) }

    /// From the environment; a missing or short key is an error.
    static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Pseudonymizer {
        guard let text = environment[keyVariable], !text.isEmpty else { throw CleanseError.missingPseudonymKey(variable: keyVariable) }
        let bytes = Array(text.utf8)
        guard bytes.count >= 16 else { throw CleanseError.weakPseudonymKey(variable: keyVariable, bytes: bytes.count) }
        return Pseudonymizer(key: bytes)
    }

    func pseudonym(_ npi: Int64) -> Int64 {
        if let last, last.0 == npi { return last.1 }
        let value: Int64
        if let cached = cache[npi] {
            value = cached
        } else {
            value = pseudonym(text: String(npi))
            cache[npi] = value
        }
        last = (npi, value)
        return value
    }

    /// The pseudonym of any NPI text (also invalid ones, for quarantine).
    func pseudonym(text: String) -> Int64 {
        let mac = mac.authenticationCode(for: Array(text.utf8))
        var h: UInt64 = 0
        for byte in mac.prefix(8) { h = h << 8 | UInt64(byte) }
        let low: UInt64 = 1 << 61
        return Int64(low + h % (UInt64(Int64.max) - low + 1))
    }
}
