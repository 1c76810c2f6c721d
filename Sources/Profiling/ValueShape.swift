/// The shape of a string: ASCII and Unicode decimal digits → `9`, upper- and title-case letters → `A`,
/// other letters → `a`, everything else kept; at most 40 characters, then `…`.
/// "1003000126" → "9999999999", "Smith-Jones" → "Aaaaa-Aaaaa".
public enum ValueShape {
    public static let maxLength = 40

    public static func of(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var n = 0
        for u in text.unicodeScalars {
            if n == maxLength { out.append("…"); break }
            n += 1
            switch u.value {
            case 0x30...0x39: out.append("9")
            case 0x41...0x5A: out.append("A")
            case 0x61...0x7A: out.append("a")
            case 0..<0x80: out.append(u)
            default:
                switch u.properties.generalCategory {
                case .decimalNumber: out.append("9")
                case .uppercaseLetter, .titlecaseLetter: out.append("A")
                case .lowercaseLetter, .modifierLetter, .otherLetter: out.append("a")
                default: out.append(u)
                }
            }
        }
        return String(out)
    }

    /// Characters (Unicode scalars) in UTF-8 bytes: the bytes that do not continue a sequence.
    @inline(__always)
    static func scalarCount(_ raw: UnsafeRawBufferPointer) -> Int {
        var n = 0
        for b in raw where b & 0xC0 != 0x80 { n += 1 }
        return n
    }
}
