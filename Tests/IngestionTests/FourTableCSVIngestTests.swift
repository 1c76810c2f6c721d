import Foundation
import Lake
import Testing

@testable import Ingestion

/// The four-table CSV layout: detection, typed columns like the PostgreSQL path, rescue of
/// fields that do not fit their type, and clear errors for a directory that is neither layout.
@Suite struct FourTableCSVIngestTests {
    static let prescriber = """
        npi,last_org_name,first_name,city,state_abbr,state_fips,prescriber_type,type_source
        1003000126,Smith,Ann,Austin,TX,48,Internal Medicine,S
        1003000134,"Doe, Jr",Bob,"San Juan",PR,72,Dentist,S

        """
    static let drug = "DRUG_ID,Generic_Name,Brand_Name,note\n1,Atorvastatin Calcium,Lipitor,x\n2,Atorvastatin Calcium,Atorvastatin Calcium,\n"
    static let facts = """
        year,npi,drug_id,tot_clms,tot_30day_fills,tot_day_suply,tot_drug_cst,tot_benes,ge65_sprsn_flag,ge65_tot_clms,ge65_tot_30day_fills,ge65_tot_drug_cst,ge65_tot_day_suply,ge65_bene_sprsn_flag,ge65_tot_benes
        2022,1003000126,1,20,25.5,600,1234.56,,*,,,,,*,
        2023,1003000134,2,3000000000,41,1200,99.10,15,,30,31,80.5,900,,12
        x,1003000134,2,40,41,1200,99.10,15,,30,31,80.5,900,,12

        """
    static let state = "state_abbr,state_fips,state_name,region,division,population\nTX,48,Texas,South,West South Central,30029572\nPR,72,Puerto Rico,,,3221789\n"

    func directory(_ files: [String: String]) throws -> String {
        let dir = temporaryDirectory("four-table")
        for (name, text) in files { try text.write(toFile: "\(dir)/\(name)", atomically: true, encoding: .utf8) }
        return dir
    }

    var all: [String: String] {
        ["prescriber.csv": Self.prescriber, "drug.csv": Self.drug, "prescriber_drug.csv": Self.facts, "state.csv": Self.state]
    }

    /// Column `name` of a raw table, every row as text (nil for null), in part-file order.
    func column(_ lake: Lake, _ table: String, _ name: String) throws -> [String?] {
        let t = try lake.open(try Lake.TableName(zone: "raw", table: table))
        var out: [String?] = []
        try t.scan(columns: [name]) { batch in
            let c = batch.columns[0]
            for r in 0..<c.count {
                if c.isNull(r) { out.append(nil); continue }
                switch c.values {
                case .int32(let v): out.append(String(v[r]))
                case .int64(let v): out.append(String(v[r]))
                case .double(let v): out.append(String(v[r]))
                case .string(let s): out.append(s[r])
                case .dictionary(let d): out.append(d.materialized()[r])
                default: out.append("?")
                }
            }
        }
        return out
    }

    @Test func ingestsTheFourTablesWithThePostgreSQLTypes() throws {
        let src = try directory(all), root = temporaryDirectory("four-table-lake")
        defer { for d in [src, root] { try? FileManager.default.removeItem(atPath: d) } }
        let lake = Lake(root: root)
        let outcome = try RawCSVSourceIngest(lake: lake, directory: src, layout: .auto).run()
        #expect(outcome.layout == .fourTable)
        #expect(outcome.manifests.map(\.table) == ["prescriber", "drug", "prescriber_drug", "state"])
        #expect(outcome.manifests.map(\.rowCount) == [2, 2, 3, 2])
        let facts = try lake.open(try Lake.TableName(zone: "raw", table: "prescriber_drug"))
        let types = Dictionary(uniqueKeysWithValues: facts.schema.fields.map { ($0.name, $0.type) })
        #expect(types["year"] == .int32 && types["npi"] == .int64 && types["drug_id"] == .int32 && types["tot_clms"] == .int32)
        #expect(types["tot_drug_cst"] == .decimal && types["ge65_sprsn_flag"] == .string)
        #expect(Array(facts.schema.fields.suffix(3).map(\.name)) == ["_rescued", "_source", "_line"])
        #expect(facts.manifest.partitionColumns == ["year"])
        // 3,000,000,000 does not fit PostgreSQL's integer (int32): rescued, like a text in a number column.
        #expect(try column(lake, "prescriber_drug", "tot_clms").sorted { ($0 ?? "") < ($1 ?? "") } == [nil, "20", "40"])
        let rescued = try column(lake, "prescriber_drug", "_rescued").compactMap { $0 }.sorted()
        #expect(rescued == [#"{"tot_clms":"3000000000"}"#, #"{"year":"x"}"#])
        #expect(try column(lake, "prescriber_drug", "year").contains(nil), "an unparseable year is null (the null partition)")
        // Header names match case-insensitively in any order; extra columns are kept and reported.
        #expect(try column(lake, "drug", "brand_name") == ["Lipitor", "Atorvastatin Calcium"])
        #expect(try column(lake, "drug", "note") == ["x", nil])
        #expect(outcome.files.first { $0.table == "drug" }?.extraColumns == ["note"])
        #expect(try column(lake, "prescriber", "last_org_name") == ["Smith", "Doe, Jr"])
        #expect(try column(lake, "state", "population") == ["30029572", "3221789"])
        #expect(try column(lake, "state", "_source") == ["state.csv", "state.csv"])
        #expect(try column(lake, "state", "_line") == ["2", "3"])
    }

    @Test func layoutIsDetectedFromTheFileNames() throws {
        let four = try directory(all)
        let wide = temporaryDirectory("four-table-wide")
        defer { for d in [four, wide] { try? FileManager.default.removeItem(atPath: d) } }
        _ = try generate(rows: 50, years: 2022...2022, faults: 0, compression: .none, into: wide)
        guard case .fourTable(let files) = try CSVSourceLayout.auto.files(in: four, names: SourceTableNames()) else {
            Issue.record("four-table directory not detected")
            return
        }
        #expect(files[.prescriberDrug] == "\(four)/prescriber_drug.csv")
        guard case .cmsWide(let wideFiles) = try CSVSourceLayout.auto.files(in: wide, names: SourceTableNames()) else {
            Issue.record("CMS directory not detected")
            return
        }
        #expect(wideFiles.count == 1)
        // Table names come from [source]; compressed files count too.
        let renamed = try directory(["doctors.csv.gz": "", "drug.csv": "", "prescriber_drug.csv.zst": "", "state.csv": ""])
        defer { try? FileManager.default.removeItem(atPath: renamed) }
        guard case .fourTable(let named) = try CSVSourceLayout.fourTable.files(in: renamed, names: SourceTableNames(prescriber: "doctors")) else {
            Issue.record("configured names not used")
            return
        }
        #expect(named[.prescriber] == "\(renamed)/doctors.csv.gz")
    }

    @Test func incompleteOrMixedDirectoriesAreRefused() throws {
        var three = all
        three["state.csv"] = nil
        let missing = try directory(three)
        var extra = all
        extra["MUP_DPR_RY24_P04_V10_DY22_NPIBN.csv"] = "x\n"
        let mixed = try directory(extra)
        let empty = temporaryDirectory("four-table-empty")
        defer { for d in [missing, mixed, empty] { try? FileManager.default.removeItem(atPath: d) } }
        #expect(throws: IngestError.incompleteFourTables(directory: missing, missing: ["state"])) {
            try CSVSourceLayout.auto.files(in: missing, names: SourceTableNames())
        }
        #expect(throws: IngestError.mixedLayouts(directory: mixed, others: ["MUP_DPR_RY24_P04_V10_DY22_NPIBN.csv"])) {
            try CSVSourceLayout.auto.files(in: mixed, names: SourceTableNames())
        }
        #expect(throws: IngestError.noSourceFiles(directory: empty)) {
            try CSVSourceLayout.fourTable.files(in: empty, names: SourceTableNames())
        }
        #expect(IngestError.incompleteFourTables(directory: "/d", missing: ["state"]).description.contains("missing state.csv"))
    }

    @Test func aMissingColumnIsNamedAndNothingIsCommitted() throws {
        var files = all
        files["state.csv"] = "state_abbr,state_name,region,division,population\nTX,Texas,South,West South Central,1\n"
        let src = try directory(files), root = temporaryDirectory("four-table-missing-column")
        defer { for d in [src, root] { try? FileManager.default.removeItem(atPath: d) } }
        let lake = Lake(root: root)
        #expect(throws: CSVError.missingColumns(file: "\(src)/state.csv", columns: ["state_fips"])) {
            try RawCSVSourceIngest(lake: lake, directory: src, layout: .fourTable).run()
        }
        for table in ["prescriber", "drug", "prescriber_drug", "state"] {
            #expect(throws: (any Error).self) { try lake.open(try Lake.TableName(zone: "raw", table: table)) }
        }
    }
}
