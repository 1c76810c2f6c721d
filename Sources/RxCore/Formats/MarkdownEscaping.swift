import Foundation

/// Escapes untrusted text so Markdown reads it as literal characters, and therefore so the
/// HTML cmark-gfm makes from it shows the same characters.
///
/// Every ASCII punctuation character gets a backslash (CommonMark allows that for all of them),
/// line breaks become spaces (a value can never start a heading, list or table row), and
/// characters that could hide or reorder text (bidi controls) or collide with rxpipe's fragment
/// markers (the private-use area) are replaced.
public enum MarkdownEscaping {
    public static func escape(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        out.reserveCapacity(text.unicodeScalars.count + 8)
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E:
                out.append("\\")
                out.append(scalar)
            case 0x0A, 0x0D, 0x09, 0x0B, 0x0C, 0x85, 0x2028, 0x2029:
                out.append(" ")
            case 0x00...0x08, 0x0E...0x1F, 0x7F:
                out.append("\u{FFFD}")
            case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x061C:
                // Bidi controls would let a value reorder the text around it; show them visibly.
                out.append("\u{FFFD}")
            case 0xE000...0xF8FF:
                out.append("\u{FFFD}")
            default:
                out.append(scalar)
            }
        }
        return breakingAutolinks(String(out))
    }

    /// GFM's autolink extension links `www.`, `scheme://` and `name@host` inside plain text,
    /// escaped or not; a word joiner (invisible) keeps a value that looks like a link as text.
    static func breakingAutolinks(_ text: String) -> String {
        guard text.contains("www") || text.contains("//") || text.contains("@") else { return text }
        return text
            .replacingOccurrences(of: "\\:\\/\\/", with: "\\:\u{2060}\\/\\/")
            .replacingOccurrences(of: "\\@", with: "\u{2060}\\@\u{2060}")
            .replacingOccurrences(of: "www", with: "w\u{2060}ww", options: .caseInsensitive)
    }
}
