/// Fast non-cryptographic hashing for row fingerprints and distinct estimates.
enum Hashing {
    /// A bijective 64-bit mixer (the SplitMix64 finaliser).
    @inline(__always) static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Hash of a byte string with a seed (8 bytes at a time, length mixed in).
    static func bytes(_ raw: UnsafeRawBufferPointer, seed: UInt64) -> UInt64 {
        var h = mix(seed ^ UInt64(raw.count))
        var i = 0
        let n = raw.count
        while i + 8 <= n {
            h = mix(h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            i += 8
        }
        if i < n {
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while i < n {
                tail |= UInt64(raw[i]) << shift
                shift += 8
                i += 1
            }
            h = mix(h ^ tail ^ 0xA5)
        }
        return mix(h)
    }
}
