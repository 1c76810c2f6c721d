/// One encoded column chunk: its pages (headers and bodies) and metadata whose offsets are
/// relative to the chunk start; the file writer shifts them when it places the chunk.
struct EncodedChunk {
    var bytes: [UInt8]
    var meta: ColumnMetaData
    var hasDictionary: Bool
}

/// Encodes one column of one row group: dictionary (if it pays and fits) or PLAIN values,
/// v1 data pages, the chosen codec, and chunk statistics.
struct ColumnChunkEncoder {
    let field: Field
    let options: WriterOptions

    func encode(_ column: ColumnVector) throws -> EncodedChunk {
        let rows = column.count
        let validity = column.validity
        if !field.nullable, let v = validity, v.contains(false) {
            throw LakeError.invalidInput("column \(field.name) is not nullable but the batch has nulls")
        }
        let nonNull = validity.map { $0.reduce(0) { $0 + ($1 ? 1 : 0) } } ?? rows
        var out = [UInt8]()
        var meta = ColumnMetaData()
        meta.type = field.type.physical.rawValue
        meta.pathInSchema = [field.name]
        meta.codec = options.compression.codec.rawValue
        meta.numValues = Int64(rows)
        let dictionary = options.dictionary && nonNull > 0 ? try buildDictionary(column, nonNull: nonNull) : nil
        meta.statistics = ChunkStatistics.compute(column, nonNull: nonNull, distinctStrings: dictionary?.strings)
        var uncompressedTotal = 0

        if let dictionary {
            meta.dictionaryPageOffset = 0
            var h = PageHeader()
            h.type = PageType.dictionaryPage.rawValue
            h.numValues = Int32(dictionary.count)
            uncompressedTotal += try appendPage(h, body: dictionary.page, into: &out)
            meta.encodings = [Encoding.plain.rawValue, Encoding.rle.rawValue, Encoding.rleDictionary.rawValue]
        } else {
            meta.encodings = [Encoding.plain.rawValue, Encoding.rle.rawValue]
        }
        meta.dataPageOffset = Int64(out.count)

        let rowsPerPage = max(1, min(rows, pageRows(column, rows: rows, dictionary: dictionary)))
        var r0 = 0
        var k0 = 0  // non-null values before r0
        var body = [UInt8]()
        var levels = [UInt32]()
        repeat {
            let r1 = min(rows, r0 + rowsPerPage)
            body.removeAll(keepingCapacity: true)
            var present = r1 - r0
            if field.nullable {
                levels.removeAll(keepingCapacity: true)
                levels.reserveCapacity(r1 - r0)
                present = 0
                if let validity {
                    for i in r0..<r1 { let ok = validity[i]; levels.append(ok ? 1 : 0); present += ok ? 1 : 0 }
                } else {
                    levels.append(contentsOf: repeatElement(1, count: r1 - r0))
                    present = r1 - r0
                }
                body.append(contentsOf: [0, 0, 0, 0])
                levels.withUnsafeBufferPointer { RLEHybrid.encode($0, width: 1, into: &body) }
                let n = UInt32(body.count - 4)
                body[0] = UInt8(truncatingIfNeeded: n); body[1] = UInt8(truncatingIfNeeded: n >> 8)
                body[2] = UInt8(truncatingIfNeeded: n >> 16); body[3] = UInt8(truncatingIfNeeded: n >> 24)
            }
            let k1 = k0 + present
            var h = PageHeader()
            h.type = PageType.dataPage.rawValue
            h.numValues = Int32(r1 - r0)
            if let dictionary {
                h.encoding = Encoding.rleDictionary.rawValue
                body.append(UInt8(dictionary.bitWidth))
                dictionary.indices.withUnsafeBufferPointer { p in
                    RLEHybrid.encode(UnsafeBufferPointer(rebasing: p[k0..<k1]), width: dictionary.bitWidth, into: &body)
                }
            } else {
                h.encoding = Encoding.plain.rawValue
                appendPlain(column, rows: r0..<r1, into: &body)
            }
            uncompressedTotal += try appendPage(h, body: body, into: &out)
            r0 = r1
            k0 = k1
        } while r0 < rows

        meta.totalUncompressedSize = Int64(uncompressedTotal)
        meta.totalCompressedSize = Int64(out.count)
        return EncodedChunk(bytes: out, meta: meta, hasDictionary: dictionary != nil)
    }

    /// Appends header + compressed body; returns header + uncompressed body size.
    private func appendPage(_ header: PageHeader, body: [UInt8], into out: inout [UInt8]) throws -> Int {
        guard body.count < Int(Int32.max) else { throw LakeError.invalidInput("column \(field.name): a page exceeds 2 GiB; lower pageSize") }
        let compressed: [UInt8]
        do {
            compressed = try PageCodec.compress(body, codec: options.compression.codec, level: options.compression.level)
        } catch let e as FormatError {
            throw LakeError.invalidInput("column \(field.name): \(e.reason)")
        }
        var h = header
        h.uncompressedPageSize = Int32(body.count)
        h.compressedPageSize = Int32(compressed.count)
        var w = CompactWriter()
        w.writeStruct { h.write(&$0) }
        out.append(contentsOf: w.bytes)
        out.append(contentsOf: compressed)
        return w.bytes.count + body.count
    }

    private func pageRows(_ column: ColumnVector, rows: Int, dictionary: DictionaryEncoding?) -> Int {
        let target = options.pageSize
        if let dictionary { return max(1024, target * 8 / max(1, dictionary.bitWidth)) }
        switch column.values {
        case .boolean: return target * 8
        case .int32, .date: return target / 4
        case .int64, .decimal, .timestamp, .double: return target / 8
        case .string(let a):
            let avg = rows == 0 ? 4 : a.bytes.count / max(1, rows) + 4
            return max(1, target / avg)
        case .dictionary(let d):
            var total = 0
            for (r, i) in d.indices.enumerated() where column.validity?[r] ?? true {
                total += Int(d.dictionary.offsets[Int(i) + 1] - d.dictionary.offsets[Int(i)])
            }
            return max(1, target / (total / max(1, rows) + 4))
        }
    }

    private func appendPlain(_ column: ColumnVector, rows: Range<Int>, into body: inout [UInt8]) {
        let valid = column.validity
        func fixed<T>(_ v: [T]) {
            v.withUnsafeBufferPointer { p in
                if let valid {
                    body.reserveCapacity(body.count + rows.count * MemoryLayout<T>.size)
                    for i in rows where valid[i] { withUnsafeBytes(of: p[i]) { body.append(contentsOf: $0) } }
                } else {
                    Plain.encodeFixed(UnsafeBufferPointer(rebasing: p[rows]), into: &body)
                }
            }
        }
        switch column.values {
        case .boolean(let v):
            if let valid {
                let kept = rows.filter { valid[$0] }.map { v[$0] }
                kept.withUnsafeBufferPointer { Plain.encodeBooleans($0, into: &body) }
            } else {
                v.withUnsafeBufferPointer { Plain.encodeBooleans(UnsafeBufferPointer(rebasing: $0[rows]), into: &body) }
            }
        case .int32(let v), .date(let v): fixed(v)
        case .int64(let v), .decimal(let v), .timestamp(let v): fixed(v)
        case .double(let v): fixed(v)
        case .string(let a):
            a.bytes.withUnsafeBytes { b in
                a.offsets.withUnsafeBufferPointer { o in
                    body.reserveCapacity(body.count + Int(o[rows.upperBound] - o[rows.lowerBound]) + 4 * rows.count)
                    for i in rows where valid?[i] ?? true {
                        let s = Int(o[i]), e = Int(o[i + 1])
                        var n = UInt32(e - s).littleEndian
                        withUnsafeBytes(of: &n) { body.append(contentsOf: $0) }
                        body.append(contentsOf: UnsafeRawBufferPointer(rebasing: b[s..<e]))
                    }
                }
            }
        case .dictionary(let d):
            for i in rows where valid?[i] ?? true {
                d.dictionary.withBytes(Int(d.indices[i])) { raw in
                    var n = UInt32(raw.count).littleEndian
                    withUnsafeBytes(of: &n) { body.append(contentsOf: $0) }
                    body.append(contentsOf: raw)
                }
            }
        }
    }
}
