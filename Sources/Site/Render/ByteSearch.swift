/// Substring search over UTF-8 bytes. The HTML post-processing passes use it instead of
/// Foundation's `range(of:)`, which bridges to UTF-16 and made large pages quadratic.
struct ByteSearch {
    let bytes: [UInt8]

    init(_ text: String) { bytes = Array(text.utf8) }

    /// First index ≥ `from` where `pattern` starts.
    func find(_ pattern: [UInt8], from: Int) -> Int? {
        guard let first = pattern.first, pattern.count <= bytes.count else { return nil }
        var i = from
        let last = bytes.count - pattern.count
        while i <= last {
            if bytes[i] == first {
                var j = 1
                while j < pattern.count && bytes[i + j] == pattern[j] { j += 1 }
                if j == pattern.count { return i }
            }
            i += 1
        }
        return nil
    }

    func hasPrefix(_ pattern: [UInt8], at index: Int) -> Bool {
        guard index >= 0, index + pattern.count <= bytes.count else { return false }
        for j in 0..<pattern.count where bytes[index + j] != pattern[j] { return false }
        return true
    }

    func string(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }
}

extension Array where Element == UInt8 {
    mutating func append(_ text: String) { append(contentsOf: text.utf8) }
}
