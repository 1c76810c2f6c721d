/// Checks a CSV download: columns named for beneficiaries or a row's claims holding small
/// counts, and each row as a whole (`RowFacts`). Files with no such column are not parsed.
struct CSVChecks {
    let rules: AuditRules

    func findings(_ bytes: UnsafeBufferPointer<UInt8>, report: (AuditFinding.Kind, Int, String) -> Void) {
        var reader = CSVRecords(bytes)
        guard let header = reader.next()?.fields.map({ $0.lowercased() }) else { return }
        let sensitive = header.enumerated().compactMap { i, name in SensitiveName.of(name).map { (i, $0) } }
        let rowLevel = header.contains { $0.hasSuffix("sprsn_flag") }
        guard !sensitive.isEmpty || rowLevel else { return }
        while let record = reader.next() {
            for (i, kind) in sensitive where i < record.fields.count {
                if let v = Double(record.fields[i]), rules.isSmall(v) {
                    report(kind.smallKind, record.offset, "column \(header[i]) = \(JSONChecks.text(v))")
                }
            }
            var fields: [String: String] = [:]
            for (i, name) in header.enumerated() where i < record.fields.count { fields[name] = record.fields[i] }
            for problem in RowFacts(fields).problems(rules) { report(problem.kind, record.offset, problem.detail) }
        }
    }
}

/// RFC 4180 records: quoted fields may hold commas, quotes (doubled) and line breaks.
struct CSVRecords {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    mutating func next() -> (offset: Int, fields: [String])? {
        guard position < bytes.count else { return nil }
        let start = position
        var fields: [String] = []
        var field: [UInt8] = []
        var quoted = false
        while position < bytes.count {
            let b = bytes[position]
            position += 1
            if quoted {
                if b == UInt8(ascii: "\"") {
                    if position < bytes.count, bytes[position] == UInt8(ascii: "\"") { field.append(b); position += 1 } else { quoted = false }
                } else {
                    field.append(b)
                }
            } else if b == UInt8(ascii: "\"") {
                quoted = true
            } else if b == UInt8(ascii: ",") {
                fields.append(String(decoding: field, as: UTF8.self))
                field.removeAll(keepingCapacity: true)
            } else if b == 0x0A {
                break
            } else if b != 0x0D {
                field.append(b)
            }
        }
        fields.append(String(decoding: field, as: UTF8.self))
        return (start, fields)
    }
}
