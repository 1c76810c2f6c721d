import Lake

/// Accumulates one column's values for a block: dense values plus validity, Arrow-style
/// strings (offsets and bytes) — or, for `dictionaryEncoded` string columns, each distinct
/// string once plus a code per row. CMS rows come grouped by prescriber, so most string
/// fields repeat the previous row's value (one memcmp) and the rest are few (states,
/// specialties, drug names): interning here spares the Parquet writer hashing every row and
/// the batch a copy of every string.
///
/// A class over manually grown buffers, not a struct of Swift arrays: the sink appends some
/// 25 values per row, and appending to arrays held in an array of structs cost a uniqueness
/// check per level per value (about a tenth of ingest time, measured with perf). A builder
/// belongs to one block and is used by one thread at a time.
/// Unchecked: one block's builder, used by one thread at a time (handed over, never shared).
final class ColumnBuilder: @unchecked Sendable {
    let kind: RawColumn.Kind
    private(set) var count = 0
    private(set) var nulls = 0
    /// Values as 8-byte words (Int64, cents, Double bit patterns, or Int32 widened).
    private var words: UnsafeMutablePointer<UInt64>
    private var valid: UnsafeMutablePointer<Bool>
    private var capacity: Int
    /// Strings: `count + 1` offsets into `bytes`.
    private var offsets: UnsafeMutablePointer<Int32>
    private var bytes: UnsafeMutablePointer<UInt8>
    private var byteCount = 0
    private var byteCapacity: Int
    /// Dictionary mode: a code per row into the distinct strings held in `offsets`/`bytes`.
    let dictionaryEncoded: Bool
    private var codes: UnsafeMutablePointer<Int32>
    private var entries = 0
    private var lastCode: Int32 = -1
    /// Open-addressing table of entry numbers (-1 empty), kept at most half full.
    private var slots: UnsafeMutablePointer<Int32>
    private var slotMask: Int

    init(kind: RawColumn.Kind, capacity: Int = 1024, dictionaryEncoded: Bool = false) {
        self.kind = kind
        self.dictionaryEncoded = dictionaryEncoded && kind == .string
        self.capacity = max(16, capacity)
        valid = .allocate(capacity: self.capacity)
        let isString = kind == .string
        words = .allocate(capacity: isString ? 1 : self.capacity)
        offsets = .allocate(capacity: isString ? self.capacity + 1 : 1)
        offsets[0] = 0
        byteCapacity = isString ? self.capacity * 12 : 1
        bytes = .allocate(capacity: byteCapacity)
        codes = .allocate(capacity: self.dictionaryEncoded ? self.capacity : 1)
        slotMask = self.dictionaryEncoded ? 1023 : 0
        slots = .allocate(capacity: slotMask + 1)
        slots.initialize(repeating: -1, count: slotMask + 1)
    }

    deinit {
        codes.deallocate()
        slots.deallocate()
        words.deallocate()
        valid.deallocate()
        offsets.deallocate()
        bytes.deallocate()
    }

    /// Grows the per-row buffers so one more row fits.
    @inline(__always)
    private func ensureRow() {
        if count == capacity { grow() }
    }

    private func grow() {
        let newCapacity = capacity * 2
        func moved<T>(_ old: UnsafeMutablePointer<T>, _ used: Int, _ size: Int) -> UnsafeMutablePointer<T> {
            let new = UnsafeMutablePointer<T>.allocate(capacity: size)
            new.moveInitialize(from: old, count: used)
            old.deallocate()
            return new
        }
        valid = moved(valid, count, newCapacity)
        if dictionaryEncoded {
            codes = moved(codes, count, newCapacity)
            offsets = moved(offsets, entries + 1, newCapacity + 1)
        } else if kind == .string {
            offsets = moved(offsets, count + 1, newCapacity + 1)
        } else {
            words = moved(words, count, newCapacity)
        }
        capacity = newCapacity
    }

    @inline(__always)
    func appendNull() {
        ensureRow()
        valid[count] = false
        if dictionaryEncoded {
            codes[count] = 0
        } else if kind == .string {
            offsets[count + 1] = Int32(truncatingIfNeeded: byteCount)
        } else {
            words[count] = 0
        }
        count += 1
        nulls += 1
    }

    @inline(__always)
    func append(int32 value: Int32) { appendWord(UInt64(bitPattern: Int64(value))) }

    @inline(__always)
    func append(int64 value: Int64) { appendWord(UInt64(bitPattern: value)) }

    @inline(__always)
    func append(double value: Double) { appendWord(value.bitPattern) }

    @inline(__always)
    private func appendWord(_ word: UInt64) {
        ensureRow()
        words[count] = word
        valid[count] = true
        count += 1
    }

    @inline(__always)
    func append(utf8 field: UnsafeBufferPointer<UInt8>) {
        if dictionaryEncoded {
            appendCode(field)
            return
        }
        ensureRow()
        storeBytes(field)
        offsets[count + 1] = Int32(truncatingIfNeeded: byteCount)
        valid[count] = true
        count += 1
    }

    /// Appends the bytes to `bytes` (growing it); offsets are the caller's business.
    @inline(__always)
    private func storeBytes(_ field: UnsafeBufferPointer<UInt8>) {
        let n = field.count
        if byteCount + n > byteCapacity {
            let newCapacity = max(byteCapacity * 2, byteCount + n)
            let new = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
            new.moveInitialize(from: bytes, count: byteCount)
            bytes.deallocate()
            bytes = new
            byteCapacity = newCapacity
        }
        if n > 0, let source = field.baseAddress { (bytes + byteCount).update(from: source, count: n) }
        byteCount += n
    }

    /// Dictionary mode: the code of `field`, interning it when new.
    @inline(__always)
    private func appendCode(_ field: UnsafeBufferPointer<UInt8>) {
        ensureRow()
        let code: Int32
        if lastCode >= 0 && equals(entry: Int(lastCode), field) {
            code = lastCode
        } else {
            code = intern(field)
            lastCode = code
        }
        codes[count] = code
        valid[count] = true
        count += 1
    }

    @inline(__always)
    private func equals(entry: Int, _ field: UnsafeBufferPointer<UInt8>) -> Bool {
        let a = Int(offsets[entry]), n = Int(offsets[entry + 1]) - a
        guard n == field.count else { return false }
        guard n > 0 else { return true }
        // Inline word compares: fields are short, and a libc memcmp call per row cost 7% of ingest.
        let x = UnsafeRawPointer(bytes + a), y = UnsafeRawPointer(field.baseAddress!)
        var i = 0
        while i + 8 <= n {
            if x.loadUnaligned(fromByteOffset: i, as: UInt64.self) != y.loadUnaligned(fromByteOffset: i, as: UInt64.self) { return false }
            i += 8
        }
        while i < n {
            if x.load(fromByteOffset: i, as: UInt8.self) != y.load(fromByteOffset: i, as: UInt8.self) { return false }
            i += 1
        }
        return true
    }

    private func intern(_ field: UnsafeBufferPointer<UInt8>) -> Int32 {
        var h = Int(truncatingIfNeeded: Self.hash(field)) & slotMask
        while true {
            let e = slots[h]
            if e < 0 { break }
            if equals(entry: Int(e), field) { return e }
            h = (h + 1) & slotMask
        }
        let code = Int32(entries)
        if entries == 0 { offsets[0] = 0 }
        storeBytes(field)
        offsets[entries + 1] = Int32(truncatingIfNeeded: byteCount)
        entries += 1
        slots[h] = code
        if entries * 2 > slotMask { rehash() }
        return code
    }

    /// Doubles the table (entries keep their numbers).
    private func rehash() {
        slots.deallocate()
        slotMask = slotMask * 2 + 1
        slots = .allocate(capacity: slotMask + 1)
        slots.initialize(repeating: -1, count: slotMask + 1)
        for e in 0..<entries {
            let a = Int(offsets[e]), n = Int(offsets[e + 1]) - a
            var h = Int(truncatingIfNeeded: Self.hash(UnsafeBufferPointer(start: bytes + a, count: n))) & slotMask
            while slots[h] >= 0 { h = (h + 1) & slotMask }
            slots[h] = Int32(e)
        }
    }

    /// 64-bit multiply-mix over 8-byte words (the field's length folded in).
    @inline(__always)
    static func hash(_ field: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(field.count)
        guard let base = field.baseAddress else { return h }
        let raw = UnsafeRawPointer(base)
        var i = 0
        while i + 8 <= field.count {
            h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 31
            i += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < field.count {
            tail |= UInt64(base[i]) << shift
            shift += 8
            i += 1
        }
        h = (h ^ tail) &* 0x94D0_49BB_1331_11EB
        return h ^ (h >> 29)
    }

    func append(string value: String) {
        var copy = value
        copy.withUTF8 { append(utf8: $0) }
    }

    /// The values as an array of an 8-byte type (Int64 or Double), copied bit for bit.
    private func wordsCopied<T>(as type: T.Type) -> [T] {
        precondition(MemoryLayout<T>.size == 8)
        return [T](unsafeUninitializedCapacity: max(count, 1)) { buffer, initialized in  // ≥ 1: an empty capacity races on the shared empty storage
            if count > 0 { UnsafeMutableRawPointer(buffer.baseAddress!).copyMemory(from: words, byteCount: count * 8) }
            initialized = count
        }
    }

    /// The finished column; validity is dropped when nothing is null.
    func vector() -> ColumnVector {
        let mask: [Bool]? = nulls == 0 ? nil : Array(UnsafeBufferPointer(start: valid, count: count))
        switch kind {
        case .int32:
            return ColumnVector(.int32((0..<count).map { Int32(truncatingIfNeeded: Int64(bitPattern: words[$0])) }), validity: mask)
        case .int64: return ColumnVector(.int64(wordsCopied(as: Int64.self)), validity: mask)
        case .double: return ColumnVector(.double(wordsCopied(as: Double.self)), validity: mask)
        case .decimal: return ColumnVector(.decimal(wordsCopied(as: Int64.self)), validity: mask)
        case .string where dictionaryEncoded:
            // Null rows carry code 0, so the dictionary needs an entry even when every row is null.
            if entries == 0 {
                offsets[0] = 0
                offsets[1] = 0
                entries = 1
            }
            let dictionary = StringArray(
                offsets: Array(UnsafeBufferPointer(start: offsets, count: entries + 1)),
                bytes: Array(UnsafeBufferPointer(start: bytes, count: byteCount)))
            let indices = Array(UnsafeBufferPointer(start: codes, count: count))
            return ColumnVector(.dictionary(DictionaryArray(dictionary: dictionary, indices: indices)), validity: mask)
        case .string:
            let strings = StringArray(
                offsets: Array(UnsafeBufferPointer(start: offsets, count: count + 1)),
                bytes: Array(UnsafeBufferPointer(start: bytes, count: byteCount)))
            return ColumnVector(.string(strings), validity: mask)
        }
    }
}
