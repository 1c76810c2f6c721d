import Foundation
import Lake
import RxCore

@testable import Cleansing
@testable import Ingestion

/// The four raw tables as `rxpipe ingest` writes them from PostgreSQL, from small row lists.
struct FourTableFixture {
    var prescribers: [[String: Value]] = []
    var drugs: [[String: Value]] = []
    var facts: [[String: Value]] = []
    var states: [[String: Value]] = StateReference.all.map { s in
        ["state_abbr": .string(s.code), "state_fips": .string(s.fips), "state_name": .string(s.name), "region": .string(s.region),
         "division": .string(s.division), "population": s.population.map { .int64(Int64($0)) } ?? .null]
    }

    static func prescriber(_ npi: Int64, state: String = "TX", fips: String = "48", city: String = "Austin") -> [String: Value] {
        ["npi": .int64(npi), "last_org_name": .string("Smith"), "first_name": .string("Ann"), "city": .string(city),
         "state_abbr": .string(state), "state_fips": .string(fips), "prescriber_type": .string("Internal Medicine"),
         "type_source": .string("Claim-Specialty")]
    }

    static func fact(_ npi: Int64, drug: Int32, claims: Int32 = 40, year: Int32 = 2022) -> [String: Value] {
        ["year": .int32(year), "npi": .int64(npi), "drug_id": .int32(drug), "tot_clms": .int32(claims), "tot_30day_fills": .double(Double(claims) + 0.5),
         "tot_day_suply": .int32(claims * 30), "tot_drug_cst": .decimal(123_456), "tot_benes": .int32(15), "ge65_sprsn_flag": .null,
         "ge65_tot_clms": .int32(20), "ge65_tot_30day_fills": .double(20.5), "ge65_tot_drug_cst": .decimal(60_025),
         "ge65_tot_day_suply": .int32(600), "ge65_bene_sprsn_flag": .null, "ge65_tot_benes": .int32(12)]
    }

    func write(to lake: Lake) throws {
        for (table, rows) in [(SourceTable.state, states), (.drug, drugs), (.prescriber, prescribers), (.prescriberDrug, facts)] {
            let schema = RawPostgresIngest.schema(of: table)
            let w = try TableWriter(lake: lake, table: try Lake.TableName(zone: "raw", table: table.rawValue), schema: schema,
                                    partitionBy: table == .prescriberDrug ? ["year"] : [])
            if !rows.isEmpty {
                let full = rows.enumerated().map { i, r -> [String: Value] in
                    var r = r
                    r["_source"] = .string("public.\(table.rawValue)")
                    r["_line"] = .int64(Int64(i + 1))
                    return r
                }
                try w.write(try schema.fields.map { f in try ColumnVector.from(full.map { $0[f.name] ?? .null }, type: f.type) })
            }
            try w.commit()
        }
    }
}
