import Foundation
import Lake
import RxCore

@testable import Cleansing

func temporaryDirectory(_ prefix: String) -> String {
    let path = NSTemporaryDirectory() + "rxpipe-cleanse-\(prefix)-\(UUID().uuidString)"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// The package root, found from this file's path.
let packageDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

/// Rows of a small raw/cms_prescriber_drug, written the way `rxpipe ingest` writes it.
struct CMSRawFixture {
    static let types: [String: ColumnType] = [
        "Prscrbr_NPI": .int64, "Tot_Clms": .int64, "Tot_30day_Fills": .double, "Tot_Day_Suply": .int64, "Tot_Drug_Cst": .double,
        "Tot_Benes": .int64, "GE65_Tot_Clms": .int64, "GE65_Tot_30day_Fills": .double, "GE65_Tot_Drug_Cst": .double,
        "GE65_Tot_Day_Suply": .int64, "GE65_Tot_Benes": .int64,
    ]
    static var schema: Schema {
        Schema(CMSWideLayoutColumns.all.map { Field($0, types[$0] ?? .string) }
            + [Field("_rescued", .string), Field("_source", .string), Field("_line", .int64, nullable: false), Field("year", .int32, nullable: false)])
    }

    static let npiA = Int64(NPI.make(base: 123_456_789))
    static let npiB = Int64(NPI.make(base: 123_456_790))
    static let npiC = Int64(NPI.make(base: 223_456_791))

    /// A row that passes every rule.
    static func good(npi: Int64 = npiA, brand: String = "Lipitor", generic: String = "Atorvastatin Calcium", claims: Int64 = 40,
                     year: Int32 = 2022) -> [String: Value] {
        [
            "Prscrbr_NPI": .int64(npi), "Prscrbr_Last_Org_Name": .string("Smith"), "Prscrbr_First_Name": .string("Ann"),
            "Prscrbr_City": .string("Austin"), "Prscrbr_State_Abrvtn": .string("TX"), "Prscrbr_State_FIPS": .string("48"),
            "Prscrbr_Type": .string("Internal Medicine"), "Prscrbr_Type_Src": .string("Claim-Specialty"),
            "Brnd_Name": .string(brand), "Gnrc_Name": .string(generic), "Tot_Clms": .int64(claims), "Tot_30day_Fills": .double(Double(claims) + 0.5),
            "Tot_Day_Suply": .int64(claims * 30), "Tot_Drug_Cst": .double(1234.56), "Tot_Benes": .int64(15),
            "GE65_Sprsn_Flag": .null, "GE65_Tot_Clms": .int64(20), "GE65_Tot_30day_Fills": .double(20.5),
            "GE65_Tot_Drug_Cst": .double(600.25), "GE65_Tot_Day_Suply": .int64(600), "GE65_Bene_Sprsn_Flag": .null,
            "GE65_Tot_Benes": .int64(12), "_rescued": .null, "year": .int32(year),
        ]
    }

    /// Writes `rows` (source "fixture.csv", lines 2, 3, …) and commits the table.
    static func write(_ rows: [[String: Value]], to lake: Lake) throws {
        let s = schema
        let w = try TableWriter(lake: lake, table: try Lake.TableName(zone: "raw", table: "cms_prescriber_drug"), schema: s, partitionBy: ["year"])
        var byYear: [(Int32, [[String: Value]])] = []
        for (i, var row) in rows.enumerated() {
            row["_source"] = row["_source"] ?? .string("fixture.csv")
            row["_line"] = .int64(Int64(i + 2))
            let y: Int32 = { if case .int32(let v) = row["year"]! { return v }; return 0 }()
            if let k = byYear.firstIndex(where: { $0.0 == y }) { byYear[k].1.append(row) } else { byYear.append((y, [row])) }
        }
        for (_, group) in byYear {
            try w.write(try s.fields.map { f in try ColumnVector.from(group.map { $0[f.name] ?? .null }, type: f.type) })
        }
        try w.commit()
    }
}

/// Every row of a committed table as name → value (partition columns included).
func rows(_ lake: Lake, _ name: String) throws -> [[String: Value]] {
    let t = try lake.open(try Lake.TableName(parsing: name))
    var out: [[String: Value]] = []
    try t.scan { b in
        for r in 0..<b.rowCount {
            var row: [String: Value] = [:]
            for (i, f) in b.fields.enumerated() { row[f.name] = b.columns[i].value(at: r) }
            out.append(row)
        }
    }
    return out
}

/// Cleanses a fixture lake; returns the report.
@discardableResult
func cleanse(_ lake: Lake, pseudonymize: Bool = false, key: String = "0123456789abcdef0123456789abcdef") throws -> CleanseReport {
    try Cleanser(lake: lake, options: CleanseOptions(pseudonymize: pseudonymize, environment: pseudonymize ? ["RXPIPE_PSEUDONYM_KEY": key] : [:])).run()
}

func withFixture(_ rows: [[String: Value]], _ body: (Lake, CleanseReport) throws -> Void) throws {
    let root = temporaryDirectory("fixture")
    defer { try? FileManager.default.removeItem(atPath: root) }
    let lake = Lake(root: root)
    try CMSRawFixture.write(rows, to: lake)
    try body(lake, try cleanse(lake))
}
