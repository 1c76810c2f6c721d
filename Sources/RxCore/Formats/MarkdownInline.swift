import Foundation

extension MarkdownEscaping {
    /// Escapes a value for one line of GitHub Markdown (a list item or a table cell) with as few
    /// backslashes as keep it literal: `\ | * < > [ ] ` ~ $` always (`$` because GitHub reads
    /// `$…$` as math), `_` only at a word boundary (GFM never reads `snake_case` as emphasis),
    /// `&` only where it could start an entity, and a leading `#`, `-`, `+`, `=` or `1. ` that
    /// could start a block. Digits, dots and other punctuation stay as they are: `1718.51`.
    /// Line breaks become spaces; control, bidi and private-use characters become U+FFFD, and
    /// text that looks like a link stays text, as in `escape`.
    public static func inline(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        func isWord(_ i: Int) -> Bool {
            i >= 0 && i < scalars.count && (scalars[i].properties.isAlphabetic || ("0"..."9").contains(scalars[i]))
        }
        for (i, scalar) in scalars.enumerated() {
            switch scalar {
            case "\\", "|", "*", "<", ">", "[", "]", "`", "~", "$":
                out.append("\\")
                out.append(scalar)
            case "_" where !(isWord(i - 1) && isWord(i + 1)):
                out.append("\\")
                out.append(scalar)
            case "&" where startsEntity(scalars, at: i):
                out.append("\\")
                out.append(scalar)
            case _ where i == 0 && "#-+=".unicodeScalars.contains(scalar):
                out.append("\\")
                out.append(scalar)
            case _ where (scalar == "." || scalar == ")") && (1...9).contains(i) && scalars[..<i].allSatisfy({ ("0"..."9").contains($0) })
                && (i + 1 == scalars.count || scalars[i + 1] == " "):
                out.append("\\")
                out.append(scalar)
            default:
                switch scalar.value {
                case 0x0A, 0x0D, 0x09, 0x0B, 0x0C, 0x85, 0x2028, 0x2029: out.append(" ")
                case 0x00...0x08, 0x0E...0x1F, 0x7F, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x061C, 0xE000...0xF8FF:
                    out.append("\u{FFFD}")
                default: out.append(scalar)
                }
            }
        }
        return inlineAutolinksBroken(String(out))
    }

    /// `&name;` or `&#123;` would be read as a character reference.
    private static func startsEntity(_ s: [Unicode.Scalar], at i: Int) -> Bool {
        var j = i + 1
        while j < s.count, s[j] == "#" || s[j].properties.isAlphabetic || ("0"..."9").contains(s[j]) { j += 1 }
        return j > i + 1 && j < s.count && s[j] == ";"
    }

    /// GFM links `www.`, `scheme://` and `name@host` in plain text; a word joiner keeps them text.
    private static func inlineAutolinksBroken(_ text: String) -> String {
        guard text.contains("www") || text.contains("//") || text.contains("@") else { return text }
        return text
            .replacingOccurrences(of: "://", with: ":\u{2060}//")
            .replacingOccurrences(of: "@", with: "\u{2060}@\u{2060}")
            .replacingOccurrences(of: "www", with: "w\u{2060}ww", options: .caseInsensitive)
    }
}
