import Lake
import RxCore

/// `rxpipe ingest` for a CSV source: resolves the directory's layout and runs the matching
/// ingest (CMS wide files, or the four table files).
public struct RawCSVSourceIngest: Sendable {
    public let lake: Lake
    public let directory: String
    public let layout: CSVSourceLayout
    public let names: SourceTableNames
    /// The year for CMS wide files whose name carries none.
    public let year: Int?
    public let maxFieldBytes: Int
    /// Data years accepted (`[source] min_year`…`max_year`).
    public let years: ClosedRange<Int>

    public init(lake: Lake, directory: String, layout: CSVSourceLayout, names: SourceTableNames = SourceTableNames(),
                year: Int? = nil, maxFieldBytes: Int = 64 << 10, years: ClosedRange<Int> = DataYears.defaultRange) {
        self.years = years
        self.lake = lake
        self.directory = directory
        self.layout = layout
        self.names = names
        self.year = year
        self.maxFieldBytes = maxFieldBytes
    }

    /// What was committed: one manifest per raw table written, and a report per file.
    public struct Outcome: Sendable {
        public let layout: CSVSourceLayout
        public let manifests: [TableManifest]
        public let files: [RawFileReport]
    }

    public func run(progress: (@Sendable (Int) -> Void)? = nil) throws -> Outcome {
        switch try layout.files(in: directory, names: names) {
        case .cmsWide(let files):
            let (manifest, reports) = try RawCSVIngest(lake: lake, files: files, year: year, maxFieldBytes: maxFieldBytes, years: years).run(progress: progress)
            return Outcome(layout: .cmsWide, manifests: [manifest], files: reports)
        case .fourTable(let files):
            let (manifests, reports) = try RawFourTableCSVIngest(lake: lake, files: files, maxFieldBytes: maxFieldBytes).run(progress: progress)
            return Outcome(layout: .fourTable, manifests: SourceTable.allCases.compactMap { manifests[$0] }, files: reports)
        }
    }
}
