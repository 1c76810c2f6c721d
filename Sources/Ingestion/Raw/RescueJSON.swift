/// Builds the `_rescued` JSON object of one row: the original text of every field that could
/// not be stored as its declared type, keyed by column name, plus notes on ragged rows.
struct RescueJSON {
    private var text: [UInt8] = []

    var isEmpty: Bool { text.isEmpty }

    mutating func add(key: String, value: String) {
        add(key: key) { Self.appendString(value, to: &$0) }
    }

    mutating func add(key: String, number: Int) {
        add(key: key) { $0 += Array(String(number).utf8) }
    }

    mutating func add(key: String, strings: [String]) {
        add(key: key) { out in
            out.append(0x5B)
            for (i, s) in strings.enumerated() {
                if i > 0 { out.append(0x2C) }
                Self.appendString(s, to: &out)
            }
            out.append(0x5D)
        }
    }

    /// An object of numbers: `{"Prscrbr_City": 1234}`.
    mutating func add(key: String, numbers: [(String, Int)]) {
        add(key: key) { out in
            out.append(0x7B)
            for (i, (name, number)) in numbers.enumerated() {
                if i > 0 { out.append(0x2C) }
                Self.appendString(name, to: &out)
                out.append(0x3A)
                out += Array(String(number).utf8)
            }
            out.append(0x7D)
        }
    }

    private mutating func add(key: String, value: (inout [UInt8]) -> Void) {
        text.append(text.isEmpty ? 0x7B : 0x2C)
        Self.appendString(key, to: &text)
        text.append(0x3A)
        value(&text)
    }

    /// Finishes the object and starts a new one.
    mutating func take() -> [UInt8] {
        text.append(0x7D)
        defer { text.removeAll(keepingCapacity: true) }
        return text
    }

    /// JSON string escaping (RFC 8259): quotes, backslashes and control characters.
    static func appendString(_ value: String, to out: inout [UInt8]) {
        out.append(0x22)
        for byte in value.utf8 {
            switch byte {
            case 0x22: out += [0x5C, 0x22]
            case 0x5C: out += [0x5C, 0x5C]
            case 0x0A: out += [0x5C, 0x6E]
            case 0x0D: out += [0x5C, 0x72]
            case 0x09: out += [0x5C, 0x74]
            case 0x00..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out += [0x5C, 0x75, 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            default: out.append(byte)
            }
        }
        out.append(0x22)
    }
}
