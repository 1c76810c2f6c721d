/// A page header: which page this is, its sizes, and the per-type header.
struct PageHeader: Equatable {
    var type: Int32 = 0
    var uncompressedPageSize: Int32 = 0
    var compressedPageSize: Int32 = 0
    // DATA_PAGE / DATA_PAGE_V2 / DICTIONARY_PAGE
    var numValues: Int32 = 0
    var encoding: Int32 = 0
    // v1 only
    var definitionLevelEncoding: Int32 = 3
    // v2 only
    var numNulls: Int32 = 0
    var numRows: Int32 = 0
    var definitionLevelsByteLength: Int32 = 0
    var repetitionLevelsByteLength: Int32 = 0
    var isCompressed: Bool = true
    var hasTypeHeader = false

    static func read(_ r: inout CompactReader) throws -> PageHeader {
        var h = PageHeader()
        try r.readStruct { r, id, _ in
            switch id {
            case 1: h.type = try r.readI32()
            case 2: h.uncompressedPageSize = try r.readI32()
            case 3: h.compressedPageSize = try r.readI32()
            case 5:
                h.hasTypeHeader = true
                try r.readStruct { r, id, _ in
                    switch id {
                    case 1: h.numValues = try r.readI32()
                    case 2: h.encoding = try r.readI32()
                    case 3: h.definitionLevelEncoding = try r.readI32()
                    default: return false
                    }
                    return true
                }
            case 7:
                h.hasTypeHeader = true
                try r.readStruct { r, id, _ in
                    switch id {
                    case 1: h.numValues = try r.readI32()
                    case 2: h.encoding = try r.readI32()
                    default: return false
                    }
                    return true
                }
            case 8:
                h.hasTypeHeader = true
                try r.readStruct { r, id, _ in
                    switch id {
                    case 1: h.numValues = try r.readI32()
                    case 2: h.numNulls = try r.readI32()
                    case 3: h.numRows = try r.readI32()
                    case 4: h.encoding = try r.readI32()
                    case 5: h.definitionLevelsByteLength = try r.readI32()
                    case 6: h.repetitionLevelsByteLength = try r.readI32()
                    case 7: h.isCompressed = try r.readBool()
                    default: return false
                    }
                    return true
                }
            default: return false
            }
            return true
        }
        guard h.uncompressedPageSize >= 0, h.compressedPageSize >= 0 else {
            throw FormatError("page header has a negative size")
        }
        return h
    }

    /// Writes a v1 data page header or a dictionary page header.
    func write(_ w: inout CompactWriter) {
        w.field(1, i32: type)
        w.field(2, i32: uncompressedPageSize)
        w.field(3, i32: compressedPageSize)
        if type == PageType.dataPage.rawValue {
            w.field(5) { d in
                d.field(1, i32: numValues)
                d.field(2, i32: encoding)
                d.field(3, i32: 3)
                d.field(4, i32: 3)
            }
        } else if type == PageType.dictionaryPage.rawValue {
            w.field(7) { d in
                d.field(1, i32: numValues)
                d.field(2, i32: Encoding.plain.rawValue)
            }
        }
    }
}
