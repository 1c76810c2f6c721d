import Foundation

/// How the CSV files of a source directory are laid out.
public enum CSVSourceLayout: String, Sendable, CaseIterable {
    /// Four-table when the directory holds files named after the source tables, else CMS wide.
    case auto
    /// One CMS "by Provider and Drug" file per data year → `raw/cms_prescriber_drug`.
    case cmsWide = "cms_wide"
    /// `prescriber.csv`, `drug.csv`, `prescriber_drug.csv`, `state.csv` (names from
    /// `[source]`, each optionally `.zst` or `.gz`) → `raw/prescriber`, `raw/drug`,
    /// `raw/prescriber_drug`, `raw/state`, as the PostgreSQL source holds them.
    case fourTable = "four_table"

    /// The files a directory resolves to.
    public enum Files: Sendable, Equatable {
        case cmsWide([String])
        case fourTable([SourceTable: String])
    }

    /// The table name a file stands for: its name without `.csv`, `.csv.zst` or `.csv.gz`
    /// (nil when it has none of those endings).
    public static func tableName(ofFile name: String) -> String? {
        let lower = name.lowercased()
        for suffix in [".csv", ".csv.zst", ".csv.gz"] where lower.hasSuffix(suffix) {
            return String(name.dropLast(suffix.count))
        }
        return nil
    }

    /// Resolves the CSV files of `directory` for this layout.
    public func files(in directory: String, names: SourceTableNames) throws -> Files {
        let all = try RawCSVIngest.sourceFiles(in: directory)
        guard !all.isEmpty else { throw IngestError.noSourceFiles(directory: directory) }
        var tableFiles: [SourceTable: String] = [:]
        var others: [String] = []
        for path in all {
            let stem = Self.tableName(ofFile: (path as NSString).lastPathComponent) ?? ""
            if let table = SourceTable.allCases.first(where: { names.name(of: $0).lowercased() == stem.lowercased() }) {
                if let earlier = tableFiles[table] { throw IngestError.duplicateTableFile(table: table.rawValue, files: [earlier, path]) }
                tableFiles[table] = path
            } else {
                others.append(path)
            }
        }
        let layout = self == .auto ? (tableFiles.isEmpty ? .cmsWide : .fourTable) : self
        if layout == .cmsWide { return .cmsWide(all) }
        let missing = SourceTable.allCases.filter { tableFiles[$0] == nil }.map { names.name(of: $0) }
        if !missing.isEmpty { throw IngestError.incompleteFourTables(directory: directory, missing: missing) }
        if !others.isEmpty {
            throw IngestError.mixedLayouts(directory: directory, others: others.map { ($0 as NSString).lastPathComponent })
        }
        return .fourTable(tableFiles)
    }
}
