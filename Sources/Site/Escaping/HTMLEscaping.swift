/// Escapes untrusted text for HTML element content and double-quoted attribute values.
public enum HTMLEscaping {
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(hidden(scalar) ? "\u{FFFD}" : scalar)
            }
        }
        return out
    }

    /// `text` with the characters that could hide or reorder text (controls, bidi overrides,
    /// private use) shown as U+FFFD, for text a template escapes itself (the page `<title>`).
    public static func visible(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: hidden) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.map { hidden($0) ? "\u{FFFD}" : $0 }))
    }

    static func hidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x08, 0x0B, 0x0C, 0x0E...0x1F, 0x7F, 0xE000...0xF8FF,
            0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x061C:
            return true
        default: return false
        }
    }
}
