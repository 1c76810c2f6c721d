import Foundation

/// The normal form of every text value cleanse keeps: Unicode NFC, whitespace (tabs, line
/// breaks, NBSP and other Unicode spaces) collapsed to one space, trimmed; empty becomes null.
public enum TextNormalization {
    /// The normalised text of `bytes` (UTF-8), or nil when nothing is left.
    public static func normalize(_ bytes: UnsafeRawBufferPointer) -> String? {
        if isPlainASCII(bytes) {
            return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self)
        }
        return normalize(String(decoding: bytes, as: UTF8.self))
    }

    public static func normalize(_ text: String) -> String? {
        let composed = text.precomposedStringWithCanonicalMapping
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in composed.unicodeScalars {
            if scalar.properties.isWhitespace || scalar.value == 0xA0 || scalar.value == 0x200B || scalar.value == 0xFEFF {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace {
                out.append(" ")
                pendingSpace = false
            }
            out.append(scalar)
        }
        return out.isEmpty ? nil : String(out)
    }

    /// Printable ASCII with single inner spaces: already normal, no work needed.
    static func isPlainASCII(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let first = bytes.first, let last = bytes.last else { return true }
        if first == 0x20 || last == 0x20 { return false }
        var previousSpace = false
        for b in bytes {
            if b == 0x20 {
                if previousSpace { return false }
                previousSpace = true
            } else {
                if b < 0x21 || b > 0x7E { return false }
                previousSpace = false
            }
        }
        return true
    }
}
