import Lake

/// Accumulates one column's values for a block: dense values plus validity, Arrow-style
/// strings (offsets and bytes).
///
/// A class over manually grown buffers, not a struct of Swift arrays: the sink appends some
/// 25 values per row, and appending to arrays held in an array of structs cost a uniqueness
/// check per level per value (about a tenth of ingest time, measured with perf). A builder
/// belongs to one block and is used by one thread at a time.
final class ColumnBuilder: @unchecked Sendable {
    let kind: RawColumn.Kind
    private(set) var count = 0
    private(set) var nulls = 0
    /// Values as 8-byte words (Int64, Double bit patterns, or Int32 widened).
    private var words: UnsafeMutablePointer<UInt64>
    private var valid: UnsafeMutablePointer<Bool>
    private var capacity: Int
    /// Strings: `count + 1` offsets into `bytes`.
    private var offsets: UnsafeMutablePointer<Int32>
    private var bytes: UnsafeMutablePointer<UInt8>
    private var byteCount = 0
    private var byteCapacity: Int

    init(kind: RawColumn.Kind, capacity: Int = 1024) {
        self.kind = kind
        self.capacity = max(16, capacity)
        valid = .allocate(capacity: self.capacity)
        let isString = kind == .string
        words = .allocate(capacity: isString ? 1 : self.capacity)
        offsets = .allocate(capacity: isString ? self.capacity + 1 : 1)
        offsets[0] = 0
        byteCapacity = isString ? self.capacity * 12 : 1
        bytes = .allocate(capacity: byteCapacity)
    }

    deinit {
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
        if kind == .string {
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
        if kind == .string { offsets[count + 1] = Int32(truncatingIfNeeded: byteCount) } else { words[count] = 0 }
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
        ensureRow()
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
        offsets[count + 1] = Int32(truncatingIfNeeded: byteCount)
        valid[count] = true
        count += 1
    }

    func append(string value: String) {
        var copy = value
        copy.withUTF8 { append(utf8: $0) }
    }

    /// The values as an array of an 8-byte type (Int64 or Double), copied bit for bit.
    private func wordsCopied<T>(as type: T.Type) -> [T] {
        precondition(MemoryLayout<T>.size == 8)
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
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
        case .string:
            let strings = StringArray(
                offsets: Array(UnsafeBufferPointer(start: offsets, count: count + 1)),
                bytes: Array(UnsafeBufferPointer(start: bytes, count: byteCount)))
            return ColumnVector(.string(strings), validity: mask)
        }
    }
}
