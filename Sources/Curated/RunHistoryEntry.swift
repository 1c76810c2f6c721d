/// One run on the run history page.
public struct RunHistoryEntry: Sendable, Equatable, Codable {
    public var runID: String
    public var status: String
    public var gatesPassed: Bool
    /// The latest data year's KPIs of that run (kpi_year column → value).
    public var year: Int?
    public var kpis: [String: Double]
    public init(runID: String, status: String, gatesPassed: Bool, year: Int?, kpis: [String: Double]) {
        self.runID = runID
        self.status = status
        self.gatesPassed = gatesPassed
        self.year = year
        self.kpis = kpis
    }
}
