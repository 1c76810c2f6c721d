import Lake

/// Gives every distinct normalised text of one column a small id, so rules, votes and the
/// dimension tables work on integers. Raw spellings are cached, so each distinct raw value
/// is normalised once; dictionary-encoded row groups cost one lookup per dictionary entry.
/// Memory is bounded by the column's distinct values (dimension-sized), not by rows.
struct TextInterner {
    /// Normalised texts by id.
    private(set) var values: [String] = []
    private var ids: [String: Int32] = [:]
    private var rawCache: [String: Int32] = [:]

    /// The id of a normalised text (adding it).
    mutating func id(normalized text: String) -> Int32 {
        if let id = ids[text] { return id }
        let id = Int32(values.count)
        values.append(text)
        ids[text] = id
        return id
    }

    /// The id of a raw value's normal form, or -1 when it normalises to nothing.
    mutating func id(raw bytes: UnsafeRawBufferPointer) -> Int32 {
        let key = String(decoding: bytes, as: UTF8.self)
        if let id = rawCache[key] { return id }
        let id = TextNormalization.normalize(bytes).map { self.id(normalized: $0) } ?? -1
        rawCache[key] = id
        return id
    }

    /// Ids for every row of a string column (-1 for nulls and blank text).
    mutating func ids(for column: ColumnVector) -> [Int32] {
        let rows = column.count
        var out = [Int32](repeating: -1, count: rows)
        switch column.values {
        case .dictionary(let d):
            var entry = [Int32](repeating: -1, count: d.dictionary.count)
            for i in 0..<d.dictionary.count { entry[i] = d.dictionary.withBytes(i) { id(raw: $0) } }
            for r in 0..<rows where !column.isNull(r) { out[r] = entry[Int(d.indices[r])] }
        case .string(let s):
            var previous: (Int, Int32)? = nil
            s.bytes.withUnsafeBytes { all in
                for r in 0..<rows where !column.isNull(r) {
                    let a = Int(s.offsets[r]), b = Int(s.offsets[r + 1])
                    if let (p, pid) = previous {
                        let pa = Int(s.offsets[p]), pb = Int(s.offsets[p + 1])
                        if pb - pa == b - a && (b == a || memcmp(all.baseAddress! + pa, all.baseAddress! + a, b - a) == 0) {
                            out[r] = pid
                            continue
                        }
                    }
                    let v = id(raw: UnsafeRawBufferPointer(rebasing: all[a..<b]))
                    out[r] = v
                    previous = (r, v)
                }
            }
        default:
            break
        }
        return out
    }

    func text(_ id: Int32) -> String? { id < 0 ? nil : values[Int(id)] }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
