import Foundation
import Lake

/// Which raw layout cleanse reads.
public enum RawLayout: String, Sendable, Codable {
    /// `raw/cms_prescriber_drug`, from CMS wide CSV files.
    case cmsWide = "cms_wide"
    /// `raw/prescriber`, `raw/drug`, `raw/prescriber_drug`, `raw/state`, from PostgreSQL.
    case fourTable = "four_table"

    /// The committed layout; when both are, the one committed last (and a note saying so).
    public static func detect(in lake: Lake) throws -> (RawLayout, note: String?) {
        func committed(_ table: String) -> Date? {
            let path = "\(lake.root)/raw/\(table)/_manifest.json"
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return nil }
            return attributes[.modificationDate] as? Date
        }
        let wide = committed(CMSWideFacts.table)
        let four = FourTableSource.tables.map(committed)
        let fourComplete = four.allSatisfy { $0 != nil }
        switch (wide, fourComplete) {
        case (nil, false):
            if four.contains(where: { $0 != nil }) {
                let missing = zip(FourTableSource.tables, four).filter { $0.1 == nil }.map { "raw/\($0.0)" }
                throw CleanseError.missingRawTables(lake: lake.root, missing: missing)
            }
            throw CleanseError.noRawTable(lake: lake.root)
        case (.some, false): return (.cmsWide, nil)
        case (nil, true): return (.fourTable, nil)
        case (.some(let w), true):
            let f = four.compactMap { $0 }.max()!
            return w >= f
                ? (.cmsWide, "both raw layouts are committed; raw/cms_prescriber_drug is the most recent and wins")
                : (.fourTable, "both raw layouts are committed; the four PostgreSQL tables are the most recent and win")
        }
    }
}
