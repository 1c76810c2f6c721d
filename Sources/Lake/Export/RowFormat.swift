/// Text output of row groups: JSON Lines or CSV, streamed into a byte buffer.
///
/// JSONL: one object per row keyed by column name; numbers as JSON numbers (doubles in the
/// shortest form that round-trips), null as null, NaN/±infinity as "NaN"/"Infinity"/
/// "-Infinity", dates as "YYYY-MM-DD".
/// CSV: RFC 4180 quoting; text cells starting with `=`, `+`, `-`, `@`, tab or CR get a `'`
/// prefix so spreadsheets do not run them as formulas. A null is an empty field; an empty
/// string is `""`.
public enum RowFormat: String, Sendable, CaseIterable {
    case jsonl, csv

    /// The header line (CSV only).
    public func header(_ fields: [Field]) -> [UInt8] {
        guard self == .csv else { return [] }
        var out = [UInt8]()
        for (i, f) in fields.enumerated() {
            if i > 0 { out.append(0x2C) }
            Self.csvText(Array(f.name.utf8)[...], into: &out)
        }
        out.append(0x0A)
        return out
    }

    /// Appends rows `rows` of `batch` to `out`.
    public func append(_ batch: RowGroupBatch, rows: Range<Int>, into out: inout [UInt8]) {
        let names = batch.fields.map { Self.jsonString(Array($0.name.utf8)[...]) }
        for r in rows {
            if self == .jsonl { out.append(0x7B) }
            for (c, col) in batch.columns.enumerated() {
                if c > 0 { out.append(0x2C) }
                if self == .jsonl {
                    out.append(contentsOf: names[c])
                    out.append(0x3A)
                }
                appendCell(col, r, into: &out)
            }
            if self == .jsonl { out.append(0x7D) }
            out.append(0x0A)
        }
    }

    private func appendCell(_ col: ColumnVector, _ r: Int, into out: inout [UInt8]) {
        if col.isNull(r) {
            if self == .jsonl { out.append(contentsOf: Array("null".utf8)) }
            return
        }
        switch col.values {
        case .boolean(let v): out.append(contentsOf: Array((v[r] ? "true" : "false").utf8))
        case .int32(let v): out.append(contentsOf: Array(String(v[r]).utf8))
        case .int64(let v): out.append(contentsOf: Array(String(v[r]).utf8))
        case .decimal(let v): out.append(contentsOf: Array(Cents.text(v[r]).utf8))
        case .double(let v):
            let x = v[r]
            if x.isNaN {
                text("NaN", into: &out, raw: true)
            } else if x.isInfinite {
                text(x < 0 ? "-Infinity" : "Infinity", into: &out, raw: true)
            } else {
                out.append(contentsOf: Array("\(x)".utf8))
            }
        case .date(let v): text(DateFormatting.iso(days: v[r]), into: &out, raw: true)
        case .timestamp(let v): text(DateFormatting.iso(microseconds: v[r]), into: &out, raw: true)
        case .string(let a): a.withBytes(r) { cell($0, into: &out) }
        case .dictionary(let d): d.dictionary.withBytes(Int(d.indices[r])) { cell($0, into: &out) }
        }
    }

    private func text(_ s: String, into out: inout [UInt8], raw: Bool) {
        if self == .jsonl { out.append(contentsOf: Self.jsonString(Array(s.utf8)[...])) } else { out.append(contentsOf: Array(s.utf8)) }
    }

    private func cell(_ raw: UnsafeRawBufferPointer, into out: inout [UInt8]) {
        let bytes = Array(raw)[...]
        if self == .jsonl { out.append(contentsOf: Self.jsonString(bytes)) } else { Self.csvText(bytes, into: &out) }
    }

    static func jsonString(_ s: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = [0x22]
        let hex = Array("0123456789abcdef".utf8)
        // Re-decode so invalid UTF-8 becomes U+FFFD instead of invalid JSON.
        let valid = Array(String(decoding: s, as: UTF8.self).utf8)
        for b in valid {
            switch b {
            case 0x22: out += [0x5C, 0x22]
            case 0x5C: out += [0x5C, 0x5C]
            case 0x0A: out += [0x5C, 0x6E]
            case 0x0D: out += [0x5C, 0x72]
            case 0x09: out += [0x5C, 0x74]
            case 0..<0x20: out += [0x5C, 0x75, 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 15)]]
            default: out.append(b)
            }
        }
        out.append(0x22)
        return out
    }

    static func csvText(_ s: ArraySlice<UInt8>, into out: inout [UInt8]) {
        let risky: Set<UInt8> = [0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D]
        let prefix = s.first.map { risky.contains($0) } ?? false
        let quote = prefix || s.isEmpty || s.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
        if quote { out.append(0x22) }
        if prefix { out.append(0x27) }
        for b in s {
            if b == 0x22 { out.append(0x22) }
            out.append(b)
        }
        if quote { out.append(0x22) }
    }
}
