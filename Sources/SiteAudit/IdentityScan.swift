/// Finds real identities in one file's bytes: 10-digit numbers that are NPIs of the lake (not
/// part of a longer number or a decimal), person names word for word, and source file names.
struct IdentityScan {
    let identities: LakeIdentities

    func findings(in bytes: UnsafeBufferPointer<UInt8>, report: (AuditFinding.Kind, Int, String) -> Void) {
        if !identities.npis.isEmpty { npis(bytes, report) }
        if identities.nameCount > 0 { names(bytes, report) }
        if !identities.sourceFiles.isEmpty { sources(bytes, report) }
    }

    private func npis(_ bytes: UnsafeBufferPointer<UInt8>, _ report: (AuditFinding.Kind, Int, String) -> Void) {
        let n = bytes.count
        var i = 0
        while i < n {
            guard isDigit(bytes[i]) else { i += 1; continue }
            let start = i
            var value: Int64 = 0
            while i < n, isDigit(bytes[i]) {
                if i - start < 11 { value = value * 10 + Int64(bytes[i] &- 0x30) }
                i += 1
            }
            guard i - start == 10 else { continue }
            // Not the digits after a decimal point, nor those before one.
            let dotBefore = start >= 2 && bytes[start - 1] == UInt8(ascii: ".") && isDigit(bytes[start - 2])
            let dotAfter = i + 1 < n && bytes[i] == UInt8(ascii: ".") && isDigit(bytes[i + 1])
            if !dotBefore, !dotAfter, identities.npis.contains(value) {
                report(.realNPI, start, "an NPI of the source (\(String(value).prefix(3))*******) in a pseudonymised site")
            }
        }
    }

    private func names(_ bytes: UnsafeBufferPointer<UInt8>, _ report: (AuditFinding.Kind, Int, String) -> Void) {
        // The last eight words and where each started.
        var recent = [UInt64](repeating: 0, count: 8), starts = [Int](repeating: 0, count: 8)
        var count = 0
        Words.scan(bytes) { hash, start, _ in
            recent[count & 7] = hash
            starts[count & 7] = start
            count += 1
            guard count >= 2, let candidates = identities.names[Words.pair(recent[(count - 2) & 7], hash)] else { return }
            for words in candidates where words.count <= min(count, 8) {
                let first = count - words.count
                if words.indices.allSatisfy({ recent[(first + $0) & 7] == words[$0] }) {
                    report(.realName, starts[first & 7], "a prescriber's name (\(words.count) words) of the source in a pseudonymised site")
                    return
                }
            }
        }
    }

    private func sources(_ bytes: UnsafeBufferPointer<UInt8>, _ report: (AuditFinding.Kind, Int, String) -> Void) {
        let n = bytes.count
        var i = 0
        while i < n {
            guard isFileNameByte(bytes[i]) else { i += 1; continue }
            let start = i
            var dot = false
            while i < n, isFileNameByte(bytes[i]) { dot = dot || bytes[i] == UInt8(ascii: "."); i += 1 }
            if dot, identities.sourceFileLengths.contains(i - start), identities.sourceFiles.contains(Array(bytes[start..<i])) {
                report(.sourceLocation, start, "a source file name in a pseudonymised site")
            }
        }
    }

    @inline(__always) private func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    @inline(__always) private func isFileNameByte(_ b: UInt8) -> Bool {
        Words.isAlnum(b) || b == UInt8(ascii: "_") || b == UInt8(ascii: ".") || b == UInt8(ascii: "-")
    }
}
