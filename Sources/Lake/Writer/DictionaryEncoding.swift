/// A chunk's dictionary: the PLAIN dictionary page body and one index per non-null row.
struct DictionaryEncoding {
    var page: [UInt8]
    var count: Int
    var indices: [UInt32]
    var bitWidth: Int
    /// For a `.string` or `.dictionary` column: the distinct non-null values (every entry is used by a row),
    /// so statistics can take min/max over these instead of over every row.
    var strings: StringArray? = nil
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
            guard let (keys, idx) = v.withUnsafeBufferPointer({ p in
                Self.intDictionary(p, valid: valid, nonNull: nonNull, maxEntries: maxEntries, bits: bits)
            }) else { return nil }
            indices = idx
            var page = [UInt8]()
            page.reserveCapacity(keys.count * width)
            for k in keys { withUnsafeBytes(of: k.littleEndian) { page.append(contentsOf: $0.prefix(width)) } }
            return finish(page, keys.count)
        }
        switch column.values {
        case .boolean: return nil
        case .int32(let v), .date(let v): return fixed(v, width: 4) { UInt64(UInt32(bitPattern: $0)) }
        case .int64(let v), .decimal(let v), .timestamp(let v): return fixed(v, width: 8) { UInt64(bitPattern: $0) }
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
            let entries = b.entries.build()
            var d = finish(plainPage(entries), b.count)
            d?.strings = entries
            return d
        case .dictionary(let d):
            // Re-number the used entries in first-seen order so unused ones are not written.
            let entryCount = d.dictionary.count
            var remap = [Int32](repeating: -1, count: entryCount)
            var order = [Int32]()
            var size = 0
            var bad = -1
            indices = [UInt32](unsafeUninitializedCapacity: max(nonNull, 1)) { out, written in  // ≥ 1: see ColumnChunkDecoder
                var k = 0
                remap.withUnsafeMutableBufferPointer { rm in
                    d.indices.withUnsafeBufferPointer { idx in
                        d.dictionary.offsets.withUnsafeBufferPointer { offs in
                            for i in 0..<idx.count {
                                if let valid, !valid[i] { continue }
                                let old = Int(idx[i])
                                guard old >= 0 && old < entryCount else { bad = old; break }
                                var new = rm[old]
                                if new < 0 {
                                    size += Int(offs[old + 1] - offs[old]) + 4
                                    if size > limit { break }
                                    new = Int32(order.count)
                                    rm[old] = new
                                    order.append(Int32(old))
                                }
                                out[k] = UInt32(bitPattern: new)
                                k += 1
                            }
                        }
                    }
                }
                written = k
            }
            if bad >= 0 { throw LakeError.invalidInput("column \(field.name): dictionary index \(bad) out of range") }
            if size > limit || indices.count != nonNull { return nil }
            var entries = StringArray.Builder(capacity: order.count)
            for old in order { try d.dictionary.withBytes(Int(old)) { try entries.append($0) } }
            let used = entries.build()
            var encoding = finish(plainPage(used), used.count)
            encoding?.strings = used
            return encoding
        }
    }

    /// Open-addressing dictionary over 64-bit patterns with a fixed table (sized for
    /// `maxEntries`, so it never grows); nil once more than `maxEntries` values are distinct.
    @inline(__always)
    static func intDictionary<T>(_ p: UnsafeBufferPointer<T>, valid: [Bool]?, nonNull: Int, maxEntries: Int,
                                 bits: (T) -> UInt64) -> ([UInt64], [UInt32])? {
        var cap = 64
        while cap < maxEntries * 2 { cap <<= 1 }
        let mask = cap - 1
        let slots = UnsafeMutablePointer<Int32>.allocate(capacity: cap)
        slots.initialize(repeating: -1, count: cap)
        defer { slots.deallocate() }
        let keys = UnsafeMutablePointer<UInt64>.allocate(capacity: maxEntries)
        defer { keys.deallocate() }
        var count = 0
        var failed = false
        let indices = [UInt32](unsafeUninitializedCapacity: max(nonNull, 1)) { out, written in  // ≥ 1: see ColumnChunkDecoder
            var k = 0
            for i in 0..<p.count {
                if let valid, !valid[i] { continue }
                let key = bits(p[i])
                var h = IntDictionaryBuilder.hash(key) & mask
                var id: Int32 = -1
                while true {
                    let s = slots[h]
                    if s < 0 { break }
                    if keys[Int(s)] == key { id = s; break }
                    h = (h + 1) & mask
                }
                if id < 0 {
                    if count == maxEntries { failed = true; break }
                    keys[count] = key
                    id = Int32(count)
                    slots[h] = id
                    count += 1
                }
                out[k] = UInt32(bitPattern: id)
                k += 1
            }
            written = failed ? 0 : k
        }
        if failed { return nil }
        return (Array(UnsafeBufferPointer(start: keys, count: count)), indices)
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
