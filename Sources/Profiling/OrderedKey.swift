/// Order-preserving 64-bit keys: sorting the keys as unsigned integers sorts the values.
/// -0.0 is stored as +0.0 (they are equal values); NaN never becomes a key.
enum OrderedKey {
    static let sign: UInt64 = 1 << 63

    @inline(__always) static func key(_ v: Int64) -> UInt64 { UInt64(bitPattern: v) ^ sign }
    @inline(__always) static func int(_ k: UInt64) -> Int64 { Int64(bitPattern: k ^ sign) }

    @inline(__always) static func key(_ v: Double) -> UInt64 {
        let bits = (v + 0.0).bitPattern  // -0.0 + 0.0 == +0.0
        return bits & sign != 0 ? ~bits : bits | sign
    }

    @inline(__always) static func double(_ k: UInt64) -> Double {
        Double(bitPattern: k & sign != 0 ? k & ~sign : ~k)
    }
}
