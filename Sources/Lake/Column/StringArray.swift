/// Strings stored Arrow-style: all UTF-8 bytes back to back plus `count + 1` offsets, so a
/// column of a million strings is two allocations, not a million.
public struct StringArray: Sendable, Equatable {
    public private(set) var offsets: [Int32]
    public private(set) var bytes: [UInt8]

    public init() {
        offsets = [0]
        bytes = []
    }

    public init(offsets: [Int32], bytes: [UInt8]) {
        precondition(!offsets.isEmpty && offsets[0] == 0 && Int(offsets.last!) == bytes.count)
        self.offsets = offsets
        self.bytes = bytes
    }

    public init<S: Sequence<String>>(_ strings: S) {
        self.init()
        for s in strings { append(s) }
    }

    public var count: Int { offsets.count - 1 }

    public mutating func reserve(count: Int, bytes byteCount: Int) {
        offsets.reserveCapacity(count + 1)
        bytes.reserveCapacity(byteCount)
    }

    public mutating func append(_ s: String) {
        var s = s
        s.withUTF8 { append(UnsafeRawBufferPointer($0)) }
    }

    public mutating func append(_ raw: UnsafeRawBufferPointer) {
        bytes.append(contentsOf: raw)
        offsets.append(Int32(truncatingIfNeeded: bytes.count))
    }

    /// Appends an empty string (the placeholder stored under a null).
    public mutating func appendEmpty() { offsets.append(Int32(truncatingIfNeeded: bytes.count)) }

    public subscript(i: Int) -> String {
        let a = Int(offsets[i]), b = Int(offsets[i + 1])
        return bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[a..<b]), as: UTF8.self) }
    }

    /// Calls `body` with the raw UTF-8 bytes of string `i`, without copying.
    @inlinable
    public func withBytes<R>(_ i: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        let a = Int(offsets[i]), b = Int(offsets[i + 1])
        return try bytes.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[a..<b])) }
    }

    /// Internal bulk constructor used by decoders that build both arrays directly.
    init(uncheckedOffsets: [Int32], bytes: [UInt8]) {
        self.offsets = uncheckedOffsets
        self.bytes = bytes
    }
}

/// Strings kept dictionary-encoded: `indices[i]` points into `dictionary`. Group-by and
/// joins can work on the small integer indices and look strings up once per group.
public struct DictionaryArray: Sendable, Equatable {
    public var dictionary: StringArray
    public var indices: [Int32]

    public init(dictionary: StringArray, indices: [Int32]) {
        self.dictionary = dictionary
        self.indices = indices
    }

    public var count: Int { indices.count }

    /// Expands to plain strings (one copy of each referenced value).
    public func materialized() -> StringArray {
        var out = StringArray()
        var total = 0
        for i in indices { total += Int(dictionary.offsets[Int(i) + 1] - dictionary.offsets[Int(i)]) }
        out.reserve(count: indices.count, bytes: total)
        var offsets = [Int32]()
        offsets.reserveCapacity(indices.count + 1)
        offsets.append(0)
        var bytes = [UInt8]()
        bytes.reserveCapacity(total)
        dictionary.bytes.withUnsafeBufferPointer { db in
            dictionary.offsets.withUnsafeBufferPointer { dofs in
                for i in indices {
                    let a = Int(dofs[Int(i)]), b = Int(dofs[Int(i) + 1])
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: db[a..<b]))
                    offsets.append(Int32(truncatingIfNeeded: bytes.count))
                }
            }
        }
        return StringArray(uncheckedOffsets: offsets, bytes: bytes)
    }
}
