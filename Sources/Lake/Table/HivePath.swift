/// Hive partition directory names (`year=2022`). Values are untrusted data, so everything
/// outside `[A-Za-z0-9._-]` is percent-encoded, and a leading `.` too: a value can never
/// produce `..`, a slash or a hidden file.
public enum HivePath {
    public static let nullValue = "__HIVE_DEFAULT_PARTITION__"

    public static func segment(column: String, value: String?) -> String {
        "\(escape(column))=\(value.map(escape) ?? nullValue)"
    }

    public static func escape(_ s: String) -> String {
        var out = ""
        for (i, b) in s.utf8.enumerated() {
            let c = Character(Unicode.Scalar(b))
            let safe = (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F || b == 0x2D || (b == 0x2E && i > 0)
            if safe { out.append(c) } else { out += "%" + String(format2: b).uppercased() }
        }
        return out.isEmpty ? "%00" : out
    }

    public static func unescape(_ s: String) -> String {
        var bytes = [UInt8]()
        var it = Array(s.utf8)[...]
        while let b = it.popFirst() {
            if b == 0x25, it.count >= 2, let v = UInt8(String(decoding: it.prefix(2), as: UTF8.self), radix: 16) {
                bytes.append(v)
                it = it.dropFirst(2)
            } else {
                bytes.append(b)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
