/// The headline of a run comparison: data years added or dropped, rows per zone, and how many
/// gates passed in each run. The KPIs of the latest year complete it (`RunDiff.kpis`).
public struct DiffSummary: Codable, Sendable, Equatable {
    /// Rows of one lake zone in each run (raw, cleansed, quarantine, curated).
    public struct ZoneRows: Codable, Sendable, Equatable {
        public var zone: String
        public var a: Int
        public var b: Int
    }

    public struct GateCount: Codable, Sendable, Equatable {
        public var passed: Int
        public var failed: Int
    }

    public var yearsA: [Int] = []
    public var yearsB: [Int] = []
    public var yearsAdded: [Int] = []
    public var yearsDropped: [Int] = []
    public var zones: [ZoneRows] = []
    public var gatesA = GateCount(passed: 0, failed: 0)
    public var gatesB = GateCount(passed: 0, failed: 0)

    enum CodingKeys: String, CodingKey {
        case zones
        case yearsA = "years_a", yearsB = "years_b", yearsAdded = "years_added", yearsDropped = "years_dropped"
        case gatesA = "gates_a", gatesB = "gates_b"
    }

    public init() {}

    /// The summary of `a` against `b`, from their run records.
    init(_ a: RunRecord, _ b: RunRecord) {
        yearsA = a.kpis.map(\.year).sorted()
        yearsB = b.kpis.map(\.year).sorted()
        yearsAdded = yearsB.filter { !yearsA.contains($0) }
        yearsDropped = yearsA.filter { !yearsB.contains($0) }
        func rows(_ r: RunRecord, _ zone: String) -> Int {
            switch zone {
            case "raw": return r.reconciliation.map(\.raw).reduce(0, +)
            case "cleansed": return r.reconciliation.map(\.cleansed).reduce(0, +)
            case "quarantine": return r.reconciliation.map(\.quarantined).reduce(0, +)
            default: return r.tables.values.map(\.rows).reduce(0, +)
            }
        }
        zones = ["raw", "cleansed", "quarantine", "curated"].map { ZoneRows(zone: $0, a: rows(a, $0), b: rows(b, $0)) }
        func count(_ r: RunRecord) -> GateCount {
            GateCount(passed: r.gates.filter(\.passed).count, failed: r.gates.filter { !$0.passed }.count)
        }
        gatesA = count(a)
        gatesB = count(b)
    }
}
