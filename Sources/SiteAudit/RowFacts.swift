import Foundation

/// One published row (a JSON object, a CSV row, a "column=value, …" cell) judged as a whole:
/// a 65+ figure shown beside a set CMS flag, or a total and its 65+ part shown whose
/// difference (the under-65 count) is a small count.
struct RowFacts {
    /// Lower-case column name → text.
    let fields: [String: String]

    init(_ fields: [String: String]) { self.fields = fields }

    struct Problem {
        var kind: AuditFinding.Kind
        var detail: String
    }

    func problems(_ rules: AuditRules) -> [Problem] {
        var out: [Problem] = []
        func shown(_ key: String) -> String? {
            guard let v = fields[key]?.trimmingCharacters(in: .whitespaces), !v.isEmpty, v != "suppressed", v != "withheld" else { return nil }
            return v
        }
        let governed = [
            "ge65_sprsn_flag": ["ge65_tot_clms", "ge65_tot_30day_fills", "ge65_tot_drug_cst", "ge65_tot_day_suply"],
            "ge65_bene_sprsn_flag": ["ge65_tot_benes"],
        ]
        for flag in governed.keys.sorted() {
            guard let f = shown(flag), f == "*" || f == "#" else { continue }
            for column in governed[flag]! where shown(column) != nil {
                out.append(Problem(kind: .flaggedValue, detail: "\(column) shown although \(flag) is \(f)"))
            }
        }
        for (total, part) in [("tot_benes", "ge65_tot_benes"), ("tot_clms", "ge65_tot_clms")] {
            guard let t = shown(total).flatMap(Double.init), let p = shown(part).flatMap(Double.init) else { continue }
            if rules.isSmall(t - p) {
                out.append(Problem(kind: .derivableRemainder, detail: "\(total) − \(part) is a count below \(rules.suppressBelow)"))
            }
        }
        return out
    }
}
