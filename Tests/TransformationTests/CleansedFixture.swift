import Foundation
import Lake

/// A throwaway lake with cleansed tables written from Swift values (the schemas of docs/tables.md).
struct CleansedFixture {
    struct Fact {
        var year: Int32, npi: Int64, drug: Int32, claims: Int64, cost: Double
        var fills: Double? = nil, days: Int64? = nil
    }
    struct Prescriber {
        var year: Int32, npi: Int64, last: String?, first: String?, state: String, type: String?
    }
    struct Drug {
        var id: Int32, brand: String, generic: String
    }

    let root: String
    var lake: Lake { Lake(root: root) }

    init() {
        root = NSTemporaryDirectory() + "rxpipe-transform-tests-" + UUID().uuidString
    }

    func cleanup() { try? FileManager.default.removeItem(atPath: root) }

    func write(facts: [Fact], prescribers: [Prescriber], drugs: [Drug]) throws {
        let pd = Schema([
            Field("year", .int32, nullable: false), Field("npi", .int64, nullable: false), Field("drug_id", .int32, nullable: false),
            Field("tot_clms", .int64, nullable: false), Field("tot_30day_fills", .double), Field("tot_day_suply", .int64),
            Field("tot_drug_cst", .decimal, nullable: false), Field("tot_benes", .int64),
        ])
        try commit("prescriber_drug", pd, partitionBy: ["year"], [
            .int32(facts.map(\.year)), .int64(facts.map(\.npi)), .int32(facts.map(\.drug)), .int64(facts.map(\.claims)),
            facts.map { $0.fills.map(Value.double) ?? .null }, facts.map { $0.days.map(Value.int64) ?? .null },
            facts.map { .decimal(Cents.rounding($0.cost)!) }, facts.map { _ in .null },
        ])
        let pr = Schema([
            Field("year", .int32, nullable: false), Field("npi", .int64, nullable: false), Field("last_org_name", .string),
            Field("first_name", .string), Field("state", .string, nullable: false), Field("prescriber_type", .string),
        ])
        try commit("prescriber", pr, partitionBy: ["year"], [
            prescribers.map { .int32($0.year) }, prescribers.map { .int64($0.npi) }, prescribers.map { $0.last.map(Value.string) ?? .null },
            prescribers.map { $0.first.map(Value.string) ?? .null }, prescribers.map { .string($0.state) },
            prescribers.map { $0.type.map(Value.string) ?? .null },
        ])
        let dr = Schema([Field("drug_id", .int32, nullable: false), Field("brand_name", .string, nullable: false),
                         Field("generic_name", .string, nullable: false), Field("is_generic", .boolean, nullable: false)])
        try commit("drug", dr, partitionBy: [], [
            drugs.map { .int32($0.id) }, drugs.map { .string($0.brand) }, drugs.map { .string($0.generic) },
            drugs.map { .boolean($0.brand.lowercased() == $0.generic.lowercased()) },
        ])
    }

    private func commit(_ table: String, _ schema: Schema, partitionBy: [String], _ columns: [[Value]]) throws {
        let w = try TableWriter(lake: lake, table: try .init(zone: "cleansed", table: table), schema: schema, partitionBy: partitionBy)
        let vectors = try zip(columns, schema.fields).map { try ColumnVector.from($0, type: $1.type) }
        if (vectors.first?.count ?? 0) > 0 { try w.write(vectors) }
        try w.commit()
    }

    /// A curated table's rows as `Value`s, column by column name.
    func curated(_ table: String) throws -> [[String: Value]] {
        let t = try lake.open(try .init(zone: "curated", table: table))
        var rows = [[String: Value]]()
        try t.scan { batch in
            for r in 0..<batch.rowCount {
                var row = [String: Value]()
                for (f, c) in zip(batch.fields, batch.columns) { row[f.name] = c.value(at: r) }
                rows.append(row)
            }
        }
        return rows
    }
}

private extension Array where Element == Value {
    static func int32(_ v: [Int32]) -> [Value] { v.map { .int32($0) } }
    static func int64(_ v: [Int64]) -> [Value] { v.map { .int64($0) } }
}
