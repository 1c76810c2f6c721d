/// Labels are untrusted data. These helpers make them safe to draw and to embed in SVG.
enum TextSafety {
    /// Removes control characters (C0, DEL, C1) and bidirectional formatting marks, which
    /// cairo's toy text API would draw as boxes and which could reorder text in a reader.
    /// Tabs and newlines become spaces; runs of spaces collapse.
    static func clean(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        var lastWasSpace = false
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value == 0x09 || value == 0x0A || value == 0x0D {
                if !lastWasSpace { result.append(" ") }
                lastWasSpace = true
                continue
            }
            if value < 0x20 || (0x7F...0x9F).contains(value) { continue }
            if isBidiControl(value) || value == 0xFEFF || (0xFFF9...0xFFFB).contains(value) { continue }
            // Lone surrogates cannot occur in a Swift String; noncharacters can.
            if (0xFDD0...0xFDEF).contains(value) || value & 0xFFFE == 0xFFFE { continue }
            let isSpace = scalar == " "
            if isSpace && lastWasSpace { continue }
            result.append(scalar)
            lastWasSpace = isSpace
        }
        return String(result).trimmingSpaces()
    }

    /// Escapes text for an XML text node or attribute value.
    static func xmlEscaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in clean(text) {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.append(character)
            }
        }
        return out
    }

    private static func isBidiControl(_ value: UInt32) -> Bool {
        value == 0x061C || value == 0x200E || value == 0x200F || (0x202A...0x202E).contains(value)
            || (0x2066...0x2069).contains(value)
    }
}

extension String {
    func trimmingSpaces() -> String {
        var scalars = Substring(self)
        while scalars.first == " " { scalars = scalars.dropFirst() }
        while scalars.last == " " { scalars = scalars.dropLast() }
        return String(scalars)
    }
}
