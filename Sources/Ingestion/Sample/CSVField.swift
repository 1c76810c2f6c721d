/// Byte-level CSV field encoding for the generator's hot path (RFC 4180: a field is quoted when
/// it holds a comma, a quote, CR or LF; quotes are doubled).
enum CSVField {
    static func append(_ text: String, to buffer: inout [UInt8]) {
        var needsQuotes = false
        for byte in text.utf8 where byte == 0x2C || byte == 0x22 || byte == 0x0A || byte == 0x0D {
            needsQuotes = true
            break
        }
        guard needsQuotes else {
            buffer.append(contentsOf: text.utf8)
            return
        }
        buffer.append(0x22)
        for byte in text.utf8 {
            if byte == 0x22 { buffer.append(0x22) }
            buffer.append(byte)
        }
        buffer.append(0x22)
    }

    /// Encodes fields, each followed by a comma.
    static func encode(_ fields: [String]) -> [UInt8] {
        var bytes: [UInt8] = []
        for field in fields {
            append(field, to: &bytes)
            bytes.append(0x2C)
        }
        return bytes
    }

    static func appendInt(_ value: Int, to buffer: inout [UInt8]) {
        if value < 0 {
            buffer.append(0x2D)
            appendInt(-value, to: &buffer)
            return
        }
        if value < 10 {
            buffer.append(UInt8(truncatingIfNeeded: 48 + value))
            return
        }
        // Digits come out least significant first; reverse them in place.
        let start = buffer.count
        var rest = value
        while rest > 0 {
            buffer.append(UInt8(truncatingIfNeeded: 48 + rest % 10))
            rest /= 10
        }
        var low = start, high = buffer.count - 1
        while low < high {
            buffer.swapAt(low, high)
            low += 1
            high -= 1
        }
    }

    /// `tenths` = 517 → "51.7"; 3860 → "386" (CMS prints whole fills without a decimal).
    static func appendTenths(_ tenths: Int, to buffer: inout [UInt8]) {
        appendInt(tenths / 10, to: &buffer)
        let fraction = tenths % 10
        if fraction != 0 {
            buffer.append(0x2E)
            buffer.append(UInt8(48 + fraction))
        }
    }

    /// `cents` = 451222 → "4512.22"; negative values keep their sign.
    static func appendCents(_ cents: Int, to buffer: inout [UInt8]) {
        if cents < 0 { buffer.append(0x2D) }
        let magnitude = abs(cents)
        appendInt(magnitude / 100, to: &buffer)
        buffer.append(0x2E)
        buffer.append(UInt8(48 + (magnitude / 10) % 10))
        buffer.append(UInt8(48 + magnitude % 10))
    }
}
