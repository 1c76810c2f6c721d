/// A chunk's dictionary: the PLAIN dictionary page body and one index per non-null row.
struct DictionaryEncoding {
    var page: [UInt8]
    var count: Int
    var indices: [UInt32]
    var bitWidth: Int
}

extension ColumnChunkEncoder {
    /// Builds the dictionary when it fits `dictionaryPageLimit` and pays off (values repeat);
    /// nil means PLAIN. Booleans are always PLAIN.
    func buildDictionary(_ column: ColumnVector, nonNull: Int) throws -> DictionaryEncoding? {
        let valid = column.validity
        let limit = options.dictionaryPageLimit
        var indices = [UInt32]()
        indices.reserveCapacity(nonNull)
        func finish(_ page: [UInt8], _ count: Int) -> DictionaryEncoding? {
            // Integers and doubles need real repetition to beat PLAIN + zstd.
            DictionaryEncoding(page: page, count: count, indices: indices, bitWidth: max(1, BitPacking.bitWidth(UInt64(max(0, count - 1)))))
        }
        func fixed<T>(_ v: [T], width: Int, bits: (T) -> UInt64) -> DictionaryEncoding? {
            // Give up as soon as the dictionary could no longer pay off (fewer than 4 rows per entry).
            let maxEntries = max(1, min(limit / width, nonNull / 4))
            var b = IntDictionaryBuilder(expected: min(nonNull, maxEntries), maxEntries: maxEntries)
            let ok: Bool = v.withUnsafeBufferPointer { p in
                for i in 0..<p.count where valid?[i] ?? true {
                    guard let id = b.index(bits(p[i])) else { return false }
                    indices.append(UInt32(id))
                }
                return true
            }
            // Worth it only when values repeat a lot (at least 4 rows per entry on average).
            guard ok, b.keys.count * 4 <= nonNull else { return nil }
            var page = [UInt8]()
            page.reserveCapacity(b.keys.count * width)
            for k in b.keys { withUnsafeBytes(of: k.littleEndian) { page.append(contentsOf: $0.prefix(width)) } }
            return finish(page, b.keys.count)
        }
        switch column.values {
        case .boolean: return nil
        case .int32(let v), .date(let v): return fixed(v, width: 4) { UInt64(UInt32(bitPattern: $0)) }
        case .int64(let v): return fixed(v, width: 8) { UInt64(bitPattern: $0) }
        case .double(let v): return fixed(v, width: 8) { $0.bitPattern }
        case .string(let a):
            var b = StringDictionaryBuilder(expected: nonNull, maxBytes: limit)
            let ok: Bool = a.bytes.withUnsafeBytes { bytes in
                a.offsets.withUnsafeBufferPointer { o in
                    for i in 0..<a.count where valid?[i] ?? true {
                        guard let id = b.index(UnsafeRawBufferPointer(rebasing: bytes[Int(o[i])..<Int(o[i + 1])])) else { return false }
                        indices.append(UInt32(id))
                    }
                    return true
                }
            }
            guard ok, b.count * 4 <= nonNull * 3 else { return nil }
            return finish(plainPage(b.entries.build()), b.count)
        case .dictionary(let d):
            // Re-number the used entries in first-seen order so unused ones are not written.
            var remap = [Int32](repeating: -1, count: d.dictionary.count)
            var entries = StringArray.Builder(capacity: 0)
            var size = 0
            for i in d.indices.indices where valid?[i] ?? true {
                let old = Int(d.indices[i])
                guard old >= 0 && old < remap.count else { throw LakeError.invalidInput("column \(field.name): dictionary index \(old) out of range") }
                if remap[old] < 0 {
                    let ok: Bool = d.dictionary.withBytes(old) { raw in
                        size += raw.count + 4
                        if size > limit { return false }
                        try? entries.append(raw)
                        return true
                    }
                    if !ok { return nil }
                    remap[old] = Int32(entries.count - 1)
                }
                indices.append(UInt32(remap[old]))
            }
            return finish(plainPage(entries.build()), entries.count)
        }
    }

    private func plainPage(_ a: StringArray) -> [UInt8] {
        var page = [UInt8]()
        page.reserveCapacity(a.bytes.count + 4 * a.count)
        for i in 0..<a.count {
            a.withBytes(i) { raw in
                var n = UInt32(raw.count).littleEndian
                withUnsafeBytes(of: &n) { page.append(contentsOf: $0) }
                page.append(contentsOf: raw)
            }
        }
        return page
    }
}
