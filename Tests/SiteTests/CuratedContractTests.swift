import Curated
import Foundation
import Lake
import Site
import Testing

/// A curated table that breaks the contract of docs/tables.md is an error naming the table and
/// the column, never a page of zeros (issue #23).
@Suite struct CuratedContractTests {
    func lakeWithKPIs(_ fields: [Field], _ row: [Value]) throws -> (Lake, String) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("rxpipe-contract-\(UUID().uuidString)").path
        let lake = Lake(root: root)
        let w = try TableWriter(lake: lake, table: try .init(zone: "curated", table: "kpi_year"), schema: Schema(fields))
        try w.write(try fields.indices.map { try ColumnVector.from([row[$0]], type: fields[$0].type) })
        _ = try w.commit()
        return (lake, root)
    }

    @Test func aRenamedColumnIsNamed() throws {
        var fields = CuratedSchemas.kpiYear.fields
        let i = try #require(fields.firstIndex { $0.name == "claims" })
        fields[i].name = "claim_count"
        let row: [Value] = fields.map { f in
            switch f.type {
            case .int32: return .int32(2022)
            case .int64: return .int64(5)
            case .decimal: return .decimal(100)
            default: return .double(1)
            }
        }
        let (lake, root) = try lakeWithKPIs(fields, row)
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(throws: CuratedContractError.missingColumn(table: "curated/kpi_year", column: "claims")) {
            try TableRows.readCurated(lake, table: "kpi_year")
        }
        #expect(throws: (any Error).self) { try CuratedLoader.load(lake) }
    }

    @Test func moneyStoredAsAFloatIsRefused() throws {
        var fields = CuratedSchemas.kpiYear.fields
        let i = try #require(fields.firstIndex { $0.name == "drug_cost" })
        fields[i].type = .double
        let row: [Value] = fields.map { f in
            switch f.type {
            case .int32: return .int32(2022)
            case .int64: return .int64(5)
            default: return .double(1)
            }
        }
        let (lake, root) = try lakeWithKPIs(fields, row)
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(throws: CuratedContractError.wrongType(table: "curated/kpi_year", column: "drug_cost", expected: .decimal, found: .double)) {
            try TableRows.readCurated(lake, table: "kpi_year")
        }
    }

    @Test func theContractIsTheTransformsSchemaForEveryTable() {
        #expect(CuratedSchemas.byTable.keys.sorted() == [
            "drug_summary", "drug_trend", "generic_summary", "kpi_year", "prescriber_outliers", "prescriber_summary",
            "specialty_drug", "specialty_summary", "state_drug", "state_specialty", "state_summary", "top_prescribers_by_state",
        ])
    }
}
