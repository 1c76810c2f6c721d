import Charts
import RxCore

/// The quality gates of `[quality]`, evaluated after transform. A failed gate makes
/// `rxpipe run` exit with code 3.
public struct QualityGates {
    public var thresholds: RxpipeConfig.Quality

    public init(thresholds: RxpipeConfig.Quality) { self.thresholds = thresholds }

    /// - Parameters:
    ///   - rowsPerYear: cleansed prescriber_drug rows per data year.
    ///   - previous: the KPIs of the previous completed run, if any.
    public func evaluate(
        reconciliation: [RunRecord.Reconciliation], ruleCounts: [String: Int], rowsPerYear: [Int: Int],
        kpis: [RunRecord.KPIs], previous: [RunRecord.KPIs]?
    ) -> [RunRecord.Gate] {
        var gates: [RunRecord.Gate] = []
        let raw = reconciliation.reduce(0) { $0 + $1.raw }
        let quarantined = reconciliation.reduce(0) { $0 + $1.quarantined }
        let totalRows = rowsPerYear.values.reduce(0, +)
        gates.append(RunRecord.Gate(
            name: "non_empty", passed: totalRows > 0,
            detail: totalRows > 0 ? HumanNumber.count(totalRows, "cleansed row") : "the source has no usable rows; yesterday's report is kept rather than replaced by an empty one"))
        let share = raw > 0 ? Double(quarantined) / Double(raw) : 0
        gates.append(RunRecord.Gate(
            name: "max_quarantine_share", passed: share <= thresholds.maxQuarantineShare,
            detail: "\(count(quarantined)) of \(HumanNumber.count(raw, "row")) quarantined (\(percent(share)); limit \(percent(thresholds.maxQuarantineShare)))"))
        let worst = ruleCounts.max { ($0.value, $1.key) < ($1.value, $0.key) }
        let ruleShare = raw > 0 ? Double(worst?.value ?? 0) / Double(raw) : 0
        gates.append(RunRecord.Gate(
            name: "max_rule_share", passed: ruleShare <= thresholds.maxRuleShare,
            detail: worst.map { "largest: \($0.key) with \(HumanNumber.count($0.value, "row")) (\(percent(ruleShare)); limit \(percent(thresholds.maxRuleShare)))" } ?? "no rule caught a row"))
        let thin = rowsPerYear.filter { $0.value < thresholds.minRowsPerYear }.keys.sorted()
        gates.append(RunRecord.Gate(
            name: "min_rows_per_year", passed: thin.isEmpty && !rowsPerYear.isEmpty,
            detail: rowsPerYear.isEmpty ? "no data year has rows"
                : thin.isEmpty ? "every year has at least \(HumanNumber.count(thresholds.minRowsPerYear, "row"))"
                : "too few rows in " + thin.map { "\($0) (\(HumanNumber.count(rowsPerYear[$0]!, "row")))" }.joined(separator: ", ")))
        let missing = thresholds.requiredYears.filter { rowsPerYear[$0, default: 0] == 0 }
        gates.append(RunRecord.Gate(
            name: "required_years", passed: missing.isEmpty,
            detail: missing.isEmpty ? (thresholds.requiredYears.isEmpty ? "none required" : "all present")
                : "missing: " + missing.map(String.init).joined(separator: ", ")))
        var changes: [(String, Double)] = []
        if let previous {
            for k in kpis {
                guard let old = previous.first(where: { $0.year == k.year }) else { continue }
                for name in k.values.keys.sorted() where !name.hasPrefix("yoy_") {
                    guard let a = old.values[name], let b = k.values[name], a != 0 else { continue }
                    let change = abs(b / a - 1)
                    if change > thresholds.maxKPIChange { changes.append(("\(name) \(k.year)", change)) }
                }
            }
        }
        gates.append(RunRecord.Gate(
            name: "max_kpi_change", passed: changes.isEmpty,
            detail: previous == nil ? "no previous run to compare with"
                : changes.isEmpty ? "every KPI within \(percent(thresholds.maxKPIChange)) of the previous run"
                : changes.sorted { $0.1 > $1.1 }.prefix(5).map { "\($0.0) changed \(percent($0.1))" }.joined(separator: "; ")))
        return gates
    }

    /// A share in the house style, to two decimals: `0.05%`, `< 0.01%`.
    func percent(_ v: Double) -> String { HumanNumber(.percent, precision: 2).fixed(v) }

    func count(_ v: Int) -> String { HumanNumber.integer.format(Double(v)) }
}
