import Foundation
import Testing

@testable import Site

@Suite struct ProfileLoaderTests {
    /// A schema-2 profile of a three-row yearly table: a period, an NPI identifier, two measures.
    func document(version: Int = 2, matrix: String = "[[1, null], [null, 1]]") -> [UInt8] {
        Array("""
            {"schema_version": \(version), "rows": 3, "below_min_rows": true, "settings": {"min_rows": 30},
             "column_profiles": [
              {"name": "year", "type": "int32", "semantic_type": "period", "count": 3, "nulls": 0,
               "distinct": {"value": 3, "exact": true}, "nan": 0, "min": 2021, "max": 2023,
               "value_counts": [{"value": "2021", "count": 1, "share": 0.3333}]},
              {"name": "npi", "type": "int64", "semantic_type": "identifier", "count": 3, "nulls": 0,
               "distinct": {"value": 3, "exact": true}, "nan": 0, "shapes": [{"value": "9999999999", "count": 3, "share": 1}],
               "validity": {"check": "npi_luhn", "checked": 3, "valid": 3, "valid_share": 1, "pseudonyms": 0}},
              {"name": "claims", "type": "int64", "semantic_type": "measure", "count": 3, "nulls": 0,
               "distinct": {"value": 3, "exact": true}, "min": 2021, "max": 5000, "sum": 9000, "mean": 3000}
             ],
             "correlations": {"columns": ["claims", "cost"], "note": "3 rows, fewer than min_rows (30)",
                              "pearson": \(matrix), "spearman": \(matrix)},
             "alerts": []}
            """.utf8)
    }

    func parse(_ bytes: [UInt8]) throws -> TableProfile {
        try ProfileLoader.parse(bytes, path: "p.json", zone: "curated", table: "kpi_year", policy: .init(suppressBelow: 11, pseudonymized: false))
    }

    @Test func periodsAreWrittenWithoutSeparatorsAndMeasuresWithThem() throws {
        let p = try parse(document())
        let year = try #require(p.columns.first)
        #expect(year.semanticType == "period")
        #expect(year.statistics.first { $0.0 == "Minimum" }?.1 == "2021")
        #expect(year.statistics.first { $0.0 == "Maximum" }?.1 == "2023")
        let claims = p.columns[2]
        #expect(claims.statistics.first { $0.0 == "Minimum" }?.1 == "2,021")
        #expect(p.belowMinRows && p.minRows == 30 && p.correlationNote == "3 rows, fewer than min_rows (30)")
    }

    @Test func anIdentifierShowsItsValidityAndNoMean() throws {
        let npi = try parse(document()).columns[1]
        #expect(npi.statistics.map(\.0) == ["Valid NPIs (Luhn check digit)"])
        #expect(npi.statistics.first?.1 == "100.00%")
        #expect(npi.patterns.map(\.value) == ["9999999999"])
    }

    @Test func aHeatMapNeedsACoefficientOffTheDiagonal() throws {
        #expect(try !parse(document()).hasCorrelationToDraw)
        #expect(try parse(document(matrix: "[[1, 0.5], [0.5, 1]]")).hasCorrelationToDraw)
        var one = try parse(document(matrix: "[[1]]"))
        one.correlationLabels = ["claims"]
        #expect(!one.hasCorrelationToDraw)
    }

    @Test func aProfileOfTheFormerSchemaIsRefused() {
        #expect(throws: SiteError.self) { try parse(document(version: 1)) }
    }
}
