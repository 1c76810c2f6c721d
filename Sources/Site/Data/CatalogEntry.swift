import Lake

/// One lake table as the data catalog page shows it, from its committed manifest.
public struct CatalogEntry: Sendable, Equatable {
    public var zone: String
    public var table: String
    public var fields: [Field]
    public var partitionColumns: [String]
    public var rows: Int
    public var bytes: Int
    public var files: Int
    public var partitions: Int
    public var version: Int
    public var contentHash: String
    /// The stage that writes the table and the tables (or sources) it reads.
    public var stage: String
    public var inputs: [String]

    /// Every committed table of the lake, by zone then name.
    public static func all(in lake: Lake) throws -> [CatalogEntry] {
        try lake.tables().map { name in
            let m = try lake.manifest(name)
            let lineage = Lineage.of(zone: name.zone, table: name.table)
            return CatalogEntry(
                zone: name.zone, table: name.table, fields: m.schema, partitionColumns: m.partitionColumns,
                rows: m.rowCount, bytes: m.files.reduce(0) { $0 + $1.bytes }, files: m.files.count,
                partitions: m.partitions.count, version: m.version, contentHash: m.contentHash,
                stage: lineage.stage, inputs: lineage.inputs)
        }.sorted { ($0.zoneOrder, $0.table) < ($1.zoneOrder, $1.table) }
    }

    var zoneOrder: Int { Lake.zones.firstIndex(of: zone) ?? Lake.zones.count }
}

/// Which stage makes a table from which inputs (the lineage the pipeline is built on).
enum Lineage {
    static func of(zone: String, table: String) -> (stage: String, inputs: [String]) {
        let cleansedAll = ["cleansed/prescriber_drug", "cleansed/prescriber", "cleansed/drug", "cleansed/state"]
        switch zone {
        case "raw":
            return table == "cms_prescriber_drug"
                ? ("ingest", ["CMS “by Provider and Drug” CSV files"])
                : ("ingest", ["PostgreSQL table \(table)"])
        case "cleansed", "quarantine":
            return ("cleanse", ["raw/cms_prescriber_drug or raw/prescriber, raw/drug, raw/prescriber_drug, raw/state"])
        case "curated":
            switch table {
            case "drug_summary", "generic_summary", "drug_trend":
                return ("transform", ["cleansed/prescriber_drug", "cleansed/drug"])
            case "state_summary":
                return ("transform", cleansedAll)
            default:
                return ("transform", ["cleansed/prescriber_drug", "cleansed/prescriber", "cleansed/drug"])
            }
        default:
            return ("unknown", [])
        }
    }
}
