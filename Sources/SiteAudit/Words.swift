/// Words of a text as the audit compares names: runs of letters (ASCII folded to lower case,
/// other UTF-8 bytes as they are), hashed. HTML character references (`&#39;`) and JSON escapes
/// (`\u0027`) separate words like the punctuation they stand for, so "D'Angelo" reads the same
/// in a page, a script and a JSON file.
enum Words {
    static func scan(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (_ hash: UInt64, _ start: Int, _ end: Int) -> Void) {
        var i = 0
        let n = bytes.count
        var hash: UInt64 = 0
        var start = -1
        @inline(__always) func close(_ end: Int) {
            if start >= 0 { body(hash, start, end) }
            start = -1
        }
        while i < n {
            let b = bytes[i]
            if b >= 0x80 || (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A {
                if start < 0 { start = i; hash = 0xcbf29ce484222325 }
                let folded = b < 0x80 ? b | 0x20 : b
                hash = (hash ^ UInt64(folded)) &* 0x100000001b3
                i += 1
                continue
            }
            close(i)
            if b == UInt8(ascii: "&") {
                // A character reference: up to ten letters, digits or '#', then ';'.
                var j = i + 1
                while j < n, j - i <= 11, bytes[j] == UInt8(ascii: "#") || isAlnum(bytes[j]) { j += 1 }
                if j < n, bytes[j] == UInt8(ascii: ";"), j > i + 1 { i = j + 1; continue }
            } else if b == UInt8(ascii: "\\"), i + 1 < n {
                i += bytes[i + 1] == UInt8(ascii: "u") && i + 5 < n ? 6 : 2
                continue
            }
            i += 1
        }
        close(n)
    }

    static func pair(_ a: UInt64, _ b: UInt64) -> UInt64 {
        (a &* 0x9E3779B97F4A7C15) ^ (b >> 7 | b << 57)
    }

    @inline(__always) static func isAlnum(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || ((b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A)
    }
}
