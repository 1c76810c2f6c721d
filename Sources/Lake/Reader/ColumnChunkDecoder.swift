/// Decodes the pages of one column chunk into a dense `ColumnVector`.
///
/// Pages are decoded straight into arrays sized by the row group's row count; values of a
/// page with nulls are decoded compactly and then spread out in place (back to front).
/// String chunks whose data pages are all dictionary-encoded stay dictionary-encoded.
struct ColumnChunkDecoder {
    let column: ParquetColumn
    let type: ColumnType
    let physical: PhysicalType
    let codec: CompressionCodec
    let rows: Int
    let keepDictionary: Bool

    private var filled = 0
    private var validity: [Bool]
    private var hasNull = false
    private var bools: [Bool] = []
    private var ints32: [Int32] = []
    private var ints64: [Int64] = []
    private var doubles: [Double] = []
    private var strings = StringArray.Builder(capacity: 0)
    private var indices: [Int32] = []
    private var stringMode = StringMode.undecided
    // Dictionary page contents.
    private var dictCount = -1
    private var dictStrings = StringArray()
    private var dictInts32: [Int32] = []
    private var dictInts64: [Int64] = []
    private var dictDoubles: [Double] = []
    private var dictBools: [Bool] = []
    private var scratch: [UInt32] = []

    private enum StringMode { case undecided, dictionary, plain }

    /// BYTE_ARRAY / FIXED_LEN_BYTE_ARRAY: the columns decoded as strings.
    private var isByteArray: Bool {
        switch physical {
        case .boolean, .int32, .int64, .float, .double: return false
        default: return true
        }
    }

    init(column: ParquetColumn, type: ColumnType, physical: PhysicalType, codec: CompressionCodec, rows: Int, keepDictionary: Bool) {
        self.column = column
        self.type = type
        self.physical = physical
        self.codec = codec
        self.rows = rows
        self.keepDictionary = keepDictionary
        validity = column.nullable ? Self.uninitialized(rows) : []
        // Every row is written by the page decoders before the vector is returned, so the
        // arrays skip zero-filling (all element types are trivial).
        switch physical {
        case .boolean: bools = Self.uninitialized(rows)
        case .int32: ints32 = Self.uninitialized(rows)
        case .int64: ints64 = Self.uninitialized(rows)
        case .float, .double: doubles = Self.uninitialized(rows)
        default: strings = StringArray.Builder(capacity: rows)
        }
    }

    private static func uninitialized<T: BitwiseCopyable>(_ n: Int) -> [T] {
        // Capacity at least 1: with 0 the standard library writes the count into its shared empty
        // storage, a (benign) race ThreadSanitizer reports when two threads do it.
        [T](unsafeUninitializedCapacity: max(n, 1)) { _, count in count = n }
    }

    /// Walks the pages in `chunk` (header + body, back to back).
    mutating func decode(chunk: UnsafeRawBufferPointer) throws -> ColumnVector {
        var pos = 0
        var pageIndex = 0
        while pos < chunk.count && (filled < rows || pageIndex == 0) {
            var r = CompactReader(chunk, position: pos)
            let header: PageHeader
            do { header = try PageHeader.read(&r) } catch let e as FormatError {
                throw FormatError("page \(pageIndex) header at chunk byte \(pos): \(e.reason)")
            }
            let bodyStart = r.position
            let size = Int(header.compressedPageSize)
            guard size <= chunk.count - bodyStart else {
                throw FormatError("page \(pageIndex) body of \(size) bytes runs past the column chunk end")
            }
            let body = UnsafeRawBufferPointer(rebasing: chunk[bodyStart..<bodyStart + size])
            do {
                switch PageType(rawValue: header.type) {
                case .dictionaryPage: try readDictionary(header, body)
                case .dataPage: try readDataPage(header, body, v2: false)
                case .dataPageV2: try readDataPage(header, body, v2: true)
                default: break  // index pages and unknown pages are skipped
                }
            } catch let e as FormatError {
                throw FormatError("page \(pageIndex): \(e.reason)")
            }
            pos = bodyStart + size
            pageIndex += 1
        }
        guard filled == rows else { throw FormatError("column chunk holds \(filled) values but the row group has \(rows) rows") }
        return try finish()
    }

    private mutating func readDictionary(_ h: PageHeader, _ body: UnsafeRawBufferPointer) throws {
        guard dictCount < 0 else { throw FormatError("a second dictionary page in one column chunk") }
        guard h.hasTypeHeader, h.numValues >= 0 else { throw FormatError("dictionary page without a dictionary header") }
        guard h.encoding == Encoding.plain.rawValue || h.encoding == Encoding.plainDictionary.rawValue else {
            throw FormatError("dictionary page encoding \(h.encoding) is not PLAIN")
        }
        let bytes = try PageCodec.decompress(body, codec: codec, expectedSize: Int(h.uncompressedPageSize))
        let n = Int(h.numValues)
        try bytes.withUnsafeBytes { raw in
            var c = ByteCursor(raw)
            switch physical {
            case .boolean:
                dictBools = [Bool](repeating: false, count: min(n, raw.count * 8))
                guard n <= raw.count * 8 else { throw FormatError("dictionary of \(n) booleans in \(raw.count) bytes") }
                try dictBools.withUnsafeMutableBufferPointer { try Plain.decodeBooleans(&c, count: n, into: $0.baseAddress!) }
            case .int32:
                try c.need(n * 4, "a dictionary of \(n) INT32 values")
                dictInts32 = [Int32](repeating: 0, count: n)
                try dictInts32.withUnsafeMutableBufferPointer { try Plain.decodeFixed(&c, count: n, as: Int32.self, into: $0.baseAddress!) }
            case .int64:
                try c.need(n * 8, "a dictionary of \(n) INT64 values")
                dictInts64 = [Int64](repeating: 0, count: n)
                try dictInts64.withUnsafeMutableBufferPointer { try Plain.decodeFixed(&c, count: n, as: Int64.self, into: $0.baseAddress!) }
            case .double:
                try c.need(n * 8, "a dictionary of \(n) DOUBLE values")
                dictDoubles = [Double](repeating: 0, count: n)
                try dictDoubles.withUnsafeMutableBufferPointer { try Plain.decodeDoubles(&c, count: n, into: $0.baseAddress!) }
            case .float:
                try c.need(n * 4, "a dictionary of \(n) FLOAT values")
                dictDoubles = [Double](repeating: 0, count: n)
                try dictDoubles.withUnsafeMutableBufferPointer { try Plain.decodeFloats(&c, count: n, into: $0.baseAddress!) }
            case .fixedLenByteArray, .int96:
                var b = StringArray.Builder(capacity: n)
                try ByteArrayDecoding.fixed(&c, count: n, width: try fixedWidth(), into: &b)
                dictStrings = b.build()
            default:
                guard n <= raw.count / 4 else { throw FormatError("dictionary of \(n) strings cannot fit in \(raw.count) bytes") }
                dictStrings = try ByteArrayDecoding.plainArray(&c, count: n)
            }
        }
        dictCount = n
    }

    private mutating func readDataPage(_ h: PageHeader, _ body: UnsafeRawBufferPointer, v2: Bool) throws {
        guard h.hasTypeHeader else { throw FormatError("data page without a data page header") }
        let n = Int(h.numValues)
        guard n >= 0, n <= rows - filled else {
            throw FormatError("data page claims \(n) values but only \(rows - filled) rows of the row group remain")
        }
        let page: [UInt8]
        var levelBytes: UnsafeRawBufferPointer? = nil
        var v2Levels: [UInt8] = []
        if v2 {
            let rep = Int(h.repetitionLevelsByteLength), def = Int(h.definitionLevelsByteLength)
            guard rep >= 0, def >= 0, rep + def <= body.count, rep + def <= Int(h.uncompressedPageSize) else {
                throw FormatError("v2 level lengths \(rep) + \(def) exceed the page")
            }
            v2Levels = Array(body[rep..<rep + def])
            let values = UnsafeRawBufferPointer(rebasing: body[(rep + def)...])
            let expected = Int(h.uncompressedPageSize) - rep - def
            if expected == 0 && values.isEmpty {
                // Writers such as Spark leave the values section of an all-null v2 page empty
                // (0 bytes, not a compressed empty block): there is nothing to decompress.
                page = []
            } else if h.isCompressed && codec != .uncompressed {
                page = try PageCodec.decompress(values, codec: codec, expectedSize: expected)
            } else {
                guard values.count == expected else { throw FormatError("v2 page values have \(values.count) bytes, header says \(expected)") }
                page = Array(values)
            }
        } else {
            page = try PageCodec.decompress(body, codec: codec, expectedSize: Int(h.uncompressedPageSize))
        }
        try page.withUnsafeBytes { raw in
            try v2Levels.withUnsafeBytes { lv in
                var c = ByteCursor(raw)
                var present = n
                if column.nullable {
                    if v2 {
                        levelBytes = lv
                    } else {
                        guard h.definitionLevelEncoding == Encoding.rle.rawValue else {
                            throw FormatError("definition level encoding \(h.definitionLevelEncoding) is not RLE")
                        }
                        let len = Int(try c.u32())
                        levelBytes = try c.take(len, "definition levels")
                    }
                    present = try decodeLevels(levelBytes!, count: n)
                }
                try decodeValues(&c, encoding: h.encoding, present: present, rows: n)
            }
        }
        filled += n
    }

    /// Fills `validity[filled..<filled+count]`; returns how many values are present.
    private mutating func decodeLevels(_ bytes: UnsafeRawBufferPointer, count: Int) throws -> Int {
        let start = filled
        let present = try validity.withUnsafeMutableBufferPointer { v in
            try RLEHybrid.decodeLevels(bytes, count: count, into: v.baseAddress! + start)
        }
        if present < count { hasNull = true }
        return present
    }

    private mutating func decodeValues(_ c: inout ByteCursor, encoding raw: Int32, present: Int, rows n: Int) throws {
        guard let encoding = Encoding(rawValue: raw) else { throw FormatError("unknown value encoding \(raw)") }
        let start = filled
        if encoding == .rleDictionary || encoding == .plainDictionary {
            try decodeDictionaryIndices(&c, present: present, rows: n)
            return
        }
        switch physical {
        case .boolean:
            try bools.withUnsafeMutableBufferPointer { out in
                let p = out.baseAddress! + start
                switch encoding {
                case .plain: try Plain.decodeBooleans(&c, count: present, into: p)
                case .rle:
                    let len = Int(try c.u32())
                    let runs = try c.take(len, "RLE booleans")
                    var tmp = [UInt32](repeating: 0, count: present)
                    try tmp.withUnsafeMutableBufferPointer { _ = try RLEHybrid.decode(runs, width: 1, count: present, into: $0.baseAddress!) }
                    for i in 0..<present { p[i] = tmp[i] == 1 }
                default: throw FormatError("BOOLEAN values cannot use \(encoding)")
                }
            }
            Self.spread(&bools, validity, start: start, present: present, rows: n, zero: false)
        case .int32:
            try ints32.withUnsafeMutableBufferPointer { out in
                let p = out.baseAddress! + start
                switch encoding {
                case .plain: try Plain.decodeFixed(&c, count: present, as: Int32.self, into: p)
                case .deltaBinaryPacked:
                    let v = try DeltaBinaryPacked.decode(&c, maxCount: present)
                    guard v.count == present else { throw FormatError("DELTA_BINARY_PACKED has \(v.count) values, expected \(present)") }
                    for i in 0..<present { p[i] = Int32(truncatingIfNeeded: v[i]) }
                case .byteStreamSplit: try Plain.decodeByteStreamSplit(&c, count: present, width: 4, into: UnsafeMutableRawPointer(p))
                default: throw FormatError("INT32 values cannot use \(encoding)")
                }
            }
            Self.spread(&ints32, validity, start: start, present: present, rows: n, zero: 0)
        case .int64:
            try ints64.withUnsafeMutableBufferPointer { out in
                let p = out.baseAddress! + start
                switch encoding {
                case .plain: try Plain.decodeFixed(&c, count: present, as: Int64.self, into: p)
                case .deltaBinaryPacked:
                    let v = try DeltaBinaryPacked.decode(&c, maxCount: present)
                    guard v.count == present else { throw FormatError("DELTA_BINARY_PACKED has \(v.count) values, expected \(present)") }
                    v.withUnsafeBufferPointer { p.update(from: $0.baseAddress!, count: present) }
                case .byteStreamSplit: try Plain.decodeByteStreamSplit(&c, count: present, width: 8, into: UnsafeMutableRawPointer(p))
                default: throw FormatError("INT64 values cannot use \(encoding)")
                }
            }
            Self.spread(&ints64, validity, start: start, present: present, rows: n, zero: 0)
        case .double, .float:
            let isFloat = physical == .float
            try doubles.withUnsafeMutableBufferPointer { out in
                let p = out.baseAddress! + start
                switch encoding {
                case .plain:
                    if isFloat { try Plain.decodeFloats(&c, count: present, into: p) } else { try Plain.decodeDoubles(&c, count: present, into: p) }
                case .byteStreamSplit:
                    if isFloat {
                        var tmp = [UInt32](repeating: 0, count: present)
                        try tmp.withUnsafeMutableBytes { try Plain.decodeByteStreamSplit(&c, count: present, width: 4, into: $0.baseAddress!) }
                        for i in 0..<present { p[i] = Double(Float(bitPattern: tmp[i])) }
                    } else {
                        try Plain.decodeByteStreamSplit(&c, count: present, width: 8, into: UnsafeMutableRawPointer(p))
                    }
                default: throw FormatError("\(physical) values cannot use \(encoding)")
                }
            }
            Self.spread(&doubles, validity, start: start, present: present, rows: n, zero: 0)
        default:
            try switchToPlainStrings()
            if present == n {
                try decodeStrings(&c, encoding: encoding, count: present, into: &strings)
            } else {
                var tmp = StringArray.Builder(capacity: present)
                try decodeStrings(&c, encoding: encoding, count: present, into: &tmp)
                var k = 0
                for i in 0..<n {
                    if validity[start + i] {
                        let a = Int(tmp.offsets[k]), b = Int(tmp.offsets[k + 1])
                        try tmp.bytes.withUnsafeBytes { try strings.append(UnsafeRawBufferPointer(rebasing: $0[a..<b])) }
                        k += 1
                    } else {
                        strings.appendEmpty()
                    }
                }
            }
        }
    }

    private func decodeStrings(_ c: inout ByteCursor, encoding: Encoding, count: Int, into b: inout StringArray.Builder) throws {
        if physical == .fixedLenByteArray || physical == .int96 {
            guard encoding == .plain else { throw FormatError("\(physical) values cannot use \(encoding)") }
            try ByteArrayDecoding.fixed(&c, count: count, width: try fixedWidth(), into: &b)
            return
        }
        switch encoding {
        case .plain: try ByteArrayDecoding.plain(&c, count: count, into: &b)
        case .deltaLengthByteArray: try ByteArrayDecoding.deltaLength(&c, count: count, into: &b)
        case .deltaByteArray: try ByteArrayDecoding.deltaByteArray(&c, count: count, into: &b)
        default: throw FormatError("BYTE_ARRAY values cannot use \(encoding)")
        }
    }

    private mutating func decodeDictionaryIndices(_ c: inout ByteCursor, present: Int, rows n: Int) throws {
        guard dictCount >= 0 else { throw FormatError("dictionary-encoded page but the chunk has no dictionary page") }
        let start = filled
        let dense = present == n
        if isByteArray && stringMode == .undecided {
            stringMode = keepDictionary ? .dictionary : .plain
            // Every row is written below (nulls get index 0), so no zero-filling first.
            if stringMode == .dictionary { indices = Self.uninitialized(rows) }
        }
        if present > 0 {
            let width = Int(try c.byte())
            let largest: UInt32
            if dense && stringMode == .dictionary && isByteArray {
                // Kept dictionary strings without nulls: the indices are the output; decode in place.
                largest = try indices.withUnsafeMutableBufferPointer { out in
                    try (out.baseAddress! + start).withMemoryRebound(to: UInt32.self, capacity: present) {
                        try RLEHybrid.decode(c.rest, width: width, count: present, into: $0)
                    }
                }
            } else if dense && !isByteArray, try gatherDense(c.rest, width: width, start: start, count: present) {
                return  // every row written straight from the dictionary
            } else {
                if scratch.count < present { scratch = Self.uninitialized(present) }
                largest = try scratch.withUnsafeMutableBufferPointer { try RLEHybrid.decode(c.rest, width: width, count: present, into: $0.baseAddress!) }
            }
            if largest >= UInt32(dictCount) {
                throw FormatError("dictionary index \(largest) is out of range for \(dictCount) entries")
            }
        }
        // Position k of the compact indices belongs to dense row `row(k)`.
        switch physical {
        case .boolean: Self.gather(&bools, dictBools, scratch, validity, start: start, present: present, rows: n, zero: false)
        case .int32: Self.gather(&ints32, dictInts32, scratch, validity, start: start, present: present, rows: n, zero: 0)
        case .int64: Self.gather(&ints64, dictInts64, scratch, validity, start: start, present: present, rows: n, zero: 0)
        case .double, .float: Self.gather(&doubles, dictDoubles, scratch, validity, start: start, present: present, rows: n, zero: 0)
        default:
            if stringMode == .dictionary {
                if !dense {
                    indices.withUnsafeMutableBufferPointer { out in
                        scratch.withUnsafeBufferPointer { s in
                            var k = 0
                            for i in 0..<n {
                                if validity[start + i] {
                                    out[start + i] = Int32(bitPattern: s[k])
                                    k += 1
                                } else {
                                    out[start + i] = 0
                                }
                            }
                        }
                    }
                }
            } else {
                var k = 0
                for i in 0..<n {
                    if dense || validity[start + i] {
                        let idx = Int(scratch[k])
                        try dictStrings.withBytes(idx) { try strings.append($0) }
                        k += 1
                    } else {
                        strings.appendEmpty()
                    }
                }
            }
        }
    }

    /// Dense numeric pages: indices unpacked and looked up block by block; false when an
    /// index is out of range (the caller decodes again for the error).
    private mutating func gatherDense(_ bytes: UnsafeRawBufferPointer, width: Int, start: Int, count: Int) throws -> Bool {
        switch physical {
        case .boolean: return try Self.gatherDense(&bools, dictBools, bytes, width: width, start: start, count: count)
        case .int32: return try Self.gatherDense(&ints32, dictInts32, bytes, width: width, start: start, count: count)
        case .int64: return try Self.gatherDense(&ints64, dictInts64, bytes, width: width, start: start, count: count)
        case .double, .float: return try Self.gatherDense(&doubles, dictDoubles, bytes, width: width, start: start, count: count)
        default: return false
        }
    }

    private static func gatherDense<T>(_ out: inout [T], _ dict: [T], _ bytes: UnsafeRawBufferPointer,
                                       width: Int, start: Int, count: Int) throws -> Bool {
        try out.withUnsafeMutableBufferPointer { o in
            try dict.withUnsafeBufferPointer { d in
                try RLEHybrid.decodeGather(bytes, width: width, count: count, dictionary: d, into: o.baseAddress! + start)
            }
        }
    }

    /// Looks indices up in the dictionary; null rows get `zero`. Static, over explicit
    /// arguments: a method on `self` taking `&self.array` would copy `self`, and with it the
    /// whole output array, on every page.
    private static func gather<T>(_ out: inout [T], _ dict: [T], _ scratch: [UInt32], _ validity: [Bool],
                                  start: Int, present: Int, rows n: Int, zero: T) {
        guard n > 0 else { return }
        out.withUnsafeMutableBufferPointer { o in
            dict.withUnsafeBufferPointer { d in
                scratch.withUnsafeBufferPointer { s in
                    validity.withUnsafeBufferPointer { v in
                        gather(o.baseAddress! + start, d, s, present == n ? nil : v.baseAddress! + start, rows: n, zero: zero)
                    }
                }
            }
        }
    }

    private static func gather<T>(_ o: UnsafeMutablePointer<T>, _ d: UnsafeBufferPointer<T>, _ s: UnsafeBufferPointer<UInt32>,
                                  _ valid: UnsafePointer<Bool>?, rows n: Int, zero: T) {
        guard let valid else {
            for i in 0..<n { o[i] = d[Int(s[i])] }
            return
        }
        var k = 0
        for i in 0..<n {
            if valid[i] {
                o[i] = d[Int(s[k])]
                k += 1
            } else {
                o[i] = zero
            }
        }
    }

    /// Moves `present` compact values at `start` to their dense rows (back to front, in
    /// place); null rows get `zero` so the output is deterministic.
    private static func spread<T>(_ out: inout [T], _ validity: [Bool], start: Int, present: Int, rows n: Int, zero: T) {
        guard present < n else { return }
        out.withUnsafeMutableBufferPointer { o in
            validity.withUnsafeBufferPointer { v in
                spread(o.baseAddress! + start, v.baseAddress! + start, present: present, rows: n, zero: zero)
            }
        }
    }

    private static func spread<T>(_ o: UnsafeMutablePointer<T>, _ v: UnsafePointer<Bool>, present: Int, rows n: Int, zero: T) {
        var k = present - 1
        var i = n - 1
        while i >= 0 {
            if v[i] {
                o[i] = o[k]
                k -= 1
            } else {
                o[i] = zero
            }
            i -= 1
        }
    }

    /// A plain page after dictionary pages: expand what was decoded so far and continue plain.
    private mutating func switchToPlainStrings() throws {
        switch stringMode {
        case .undecided: stringMode = .plain
        case .plain: break
        case .dictionary:
            stringMode = .plain
            strings = StringArray.Builder(capacity: rows)
            for i in 0..<filled {
                if column.nullable && !validity[i] { strings.appendEmpty() } else {
                    try dictStrings.withBytes(Int(indices[i])) { try strings.append($0) }
                }
            }
            indices = []
        }
    }

    private func fixedWidth() throws -> Int {
        guard let w = column.typeLength, w > 0 else { throw FormatError("FIXED_LEN_BYTE_ARRAY column without a type length") }
        return Int(w)
    }

    private mutating func finish() throws -> ColumnVector {
        let v: [Bool]? = hasNull ? validity : nil
        switch type {
        case .decimal:
            let scale = column.decimalScale ?? Cents.scale
            switch physical {
            case .int64: return ColumnVector(.decimal(try DecimalRescale.cents(ints: ints64, scale: scale, column: column.name)), validity: v)
            case .int32: return ColumnVector(.decimal(try DecimalRescale.cents(ints: ints32.map(Int64.init), scale: scale, column: column.name)), validity: v)
            default:
                if stringMode == .dictionary && dictStrings.count == 0 { return ColumnVector(.decimal([Int64](repeating: 0, count: rows)), validity: v) }
                let bytes = stringMode == .dictionary
                    ? DictionaryArray(dictionary: dictStrings, indices: indices).materialized()
                    : strings.build()
                return ColumnVector(.decimal(try DecimalRescale.cents(bytes: bytes, validity: v, scale: scale, column: column.name)), validity: v)
            }
        case .timestamp:
            let storage = column.timestampStorage ?? .microseconds
            if physical == .int96 {
                if stringMode == .dictionary && dictStrings.count == 0 { return ColumnVector(.timestamp([Int64](repeating: 0, count: rows)), validity: v) }
                let bytes = stringMode == .dictionary
                    ? DictionaryArray(dictionary: dictStrings, indices: indices).materialized()
                    : strings.build()
                return ColumnVector(.timestamp(try TimestampRescale.microseconds(int96: bytes, validity: v, column: column.name)), validity: v)
            }
            return ColumnVector(.timestamp(try TimestampRescale.microseconds(ints: ints64, validity: v, storage: storage, column: column.name)), validity: v)
        case .boolean: return ColumnVector(.boolean(bools), validity: v)
        case .int32: return ColumnVector(.int32(ints32), validity: v)
        case .date: return ColumnVector(.date(ints32), validity: v)
        case .int64: return ColumnVector(.int64(ints64), validity: v)
        case .double: return ColumnVector(.double(doubles), validity: v)
        case .string:
            if stringMode == .dictionary && dictStrings.count > 0 {
                return ColumnVector(.dictionary(DictionaryArray(dictionary: dictStrings, indices: indices)), validity: v)
            }
            if stringMode == .dictionary { strings = StringArray.Builder(capacity: rows) }
            while strings.count < rows { strings.appendEmpty() }
            return ColumnVector(.string(strings.build()), validity: v)
        }
    }
}
