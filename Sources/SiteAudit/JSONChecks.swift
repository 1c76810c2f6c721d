import Foundation

/// Checks a JSON document value by value: a sensitive key (or a profile column named after one)
/// holding a small count, a beneficiary sum or mean, a flagged 65+ figure, a derivable
/// remainder, and (pseudonymised) a source and line. Each finding comes with the text to place it
/// by (the column or key name; its first quoted occurrence in the file gives the line).
struct JSONChecks {
    let rules: AuditRules

    func findings(_ data: Data, report: (AuditFinding.Kind, String, String) -> Void) {
        guard let root = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else { return }
        walk(root, path: "$", report: report)
    }

    private func walk(_ value: Any, path: String, report: (AuditFinding.Kind, String, String) -> Void) {
        if let array = value as? [Any] {
            for (i, v) in array.enumerated() { walk(v, path: "\(path)[\(i)]", report: report) }
            return
        }
        guard let object = value as? [String: Any] else { return }
        if let name = object["name"] as? String, let kind = SensitiveName.of(name) { profileColumn(object, kind: kind, path: path, report: report) }
        record(object, path: path, report: report)
        for key in object.keys.sorted() { walk(object[key]!, path: "\(path).\(key)", report: report) }
    }

    /// A profile column (docs/profile-schema.md) of a sensitive column.
    private func profileColumn(_ c: [String: Any], kind: SensitiveName, path: String, report: (AuditFinding.Kind, String, String) -> Void) {
        let name = c["name"] as? String ?? ""
        if kind == .beneficiaries {
            for key in ["sum", "mean"] where Self.number(c[key]) != nil {
                report(.beneficiarySum, "\(path).\(key): the \(key) of \(name)", name)
            }
        }
        var values: [(String, Double)] = []
        for key in ["min", "max"] { if let v = Self.number(c[key]) { values.append((key, v)) } }
        for (key, v) in (c["quantiles"] as? [String: Any]) ?? [:] { if let v = Self.number(v) { values.append(("quantiles.\(key)", v)) } }
        for h in ["histogram", "log_histogram"] {
            for (i, e) in (((c[h] as? [String: Any])?["edges"] as? [Any]) ?? []).enumerated() {
                if let v = Self.number(e) { values.append(("\(h).edges[\(i)]", v)) }
            }
        }
        for list in ["top_values", "value_counts"] {
            for (i, entry) in ((c[list] as? [Any]) ?? []).enumerated() {
                if let v = Self.number((entry as? [String: Any])?["value"]) { values.append(("\(list)[\(i)].value", v)) }
            }
        }
        for (key, v) in values.sorted(by: { $0.0 < $1.0 }) where rules.isSmall(v) {
            report(kind.smallKind, "\(path).\(key) = \(Self.text(v)) for \(name)", name)
        }
    }

    /// An object read as one row: sensitive keys, flags, remainders, source and line.
    private func record(_ object: [String: Any], path: String, report: (AuditFinding.Kind, String, String) -> Void) {
        let fields = Dictionary(object.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { a, _ in a })
        for key in object.keys.sorted() {
            guard let kind = SensitiveName.of(key), let v = Self.number(object[key]), rules.isSmall(v) else { continue }
            report(kind.smallKind, "\(path).\(key) = \(Self.text(v))", key)
        }
        let row = RowFacts(fields.compactMapValues { v -> String? in
            if let s = v as? String { return s }
            if let n = v as? NSNumber { return n.stringValue }
            return nil
        })
        for problem in row.problems(rules) { report(problem.kind, "\(path): \(problem.detail)", problem.detail.components(separatedBy: " ").first ?? "") }
        if rules.pseudonymized {
            let source = (fields["_source"] ?? fields["source"]) as? String
            let line = Self.number(fields["_line"] ?? fields["line"])
            if let source, !source.isEmpty, source != "withheld", line != nil {
                report(.sourceLocation, "\(path): a source and line", source)
            }
        }
    }

    static func number(_ any: Any?) -> Double? {
        if let n = any as? NSNumber, !(any is Bool) { return n.doubleValue }
        if let s = any as? String { return Double(s.trimmingCharacters(in: .whitespaces)) }
        return nil
    }

    static func text(_ v: Double) -> String { v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : String(v) }
}
