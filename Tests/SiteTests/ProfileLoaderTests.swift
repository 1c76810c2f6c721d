import Foundation
import Testing

@testable import Site

@Suite struct ProfileLoaderTests {
    /// A schema-2 profile of a three-row yearly table: a period, an NPI identifier, two measures.
    /// A complete profile file (the contract has no optional table keys) of `curated/kpi_year`.
    func document(version: Int = 2, matrix: String = "[[1, null], [null, 1]]", benes: String = "") -> [UInt8] {
        Array("""
            {"schema_version": \(version), "zone": "curated", "table": "kpi_year", "table_version": 1, "content_hash": "h",
             "rows": 3, "columns": 3, "size_bytes": 100, "duplicate_rows": 0, "duplicate_row_share": 0, "missing_cells": 0,
             "missing_cells_share": 0, "passes": 1, "below_min_rows": true,
             "settings": {"exact_memory_mb": 1024, "distinct_exact_mb": 256, "histogram_bins": 20, "log_histogram_min_ratio": 100,
                          "spearman_max_rows": 250000, "min_rows": 30, "flag_max_distinct": 10, "high_cardinality_distinct": 50,
                          "high_missing_share": 0.2, "unique_share": 1, "correlation_threshold": 0.9, "skewness_threshold": 20,
                          "zeros_share": 0.1, "imbalance_threshold": 0.5, "suppressed_share": 0.25},
             "column_profiles": [
              {"name": "year", "type": "int32", "kind": "numeric", "semantic_type": "period", "count": 3, "nulls": 0, "null_share": 0,
               "distinct": {"value": 3, "exact": true, "relative_error": null}, "nan": 0, "min": 2021, "max": 2023,
               "value_counts": [{"value": "2021", "count": 1, "share": 0.3333}]},
              {"name": "npi", "type": "int64", "kind": "numeric", "semantic_type": "identifier", "count": 3, "nulls": 0, "null_share": 0,
               "distinct": {"value": 3, "exact": true, "relative_error": null}, "nan": 0,
               "shapes": [{"value": "9999999999", "count": 3, "share": 1}],
               "validity": {"check": "npi_luhn", "checked": 3, "valid": 3, "valid_share": 1, "pseudonyms": 0}},
              {"name": "claims", "type": "int64", "kind": "numeric", "semantic_type": "measure", "count": 3, "nulls": 0, "null_share": 0,
               "distinct": {"value": 3, "exact": true, "relative_error": null}, "min": 2021, "max": 5000, "sum": 9000, "mean": 3000}
              \(benes)],
             "correlations": {"columns": ["claims", "cost"], "note": "3 rows, fewer than min_rows (30)",
                              "pearson": \(matrix), "spearman": \(matrix), "spearman_rows": 0, "spearman_row_stride": 1},
             "alerts": []}
            """.utf8)
    }

    /// A beneficiary column with `min` given as JSON text (a number or null).
    func benes(min: String) -> String {
        """
        , {"name": "tot_benes", "type": "int64", "kind": "numeric", "semantic_type": "measure", "count": 3, "nulls": 0, "null_share": 0,
           "distinct": {"value": 3, "exact": true, "relative_error": null}, "min": \(min), "max": 40}
        """
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

    @Test func aRenamedKeyIsNamedNotReadAsZero() {
        let renamed = Array(String(decoding: document(), as: UTF8.self).replacingOccurrences(of: "\"duplicate_rows\": 0,", with: "\"duplicates\": 0,").utf8)
        #expect {
            try parse(renamed)
        } throws: { error in
            "\(error)".contains("p.json") && "\(error)".contains("missing key duplicate_rows")
        }
    }

    @Test func aSuppressedMinimumSaysSoAndAnEmptyOneSaysNothing() throws {
        let suppressed = try parse(document(benes: benes(min: "7"))).columns[3]
        #expect(suppressed.statistics.first { $0.0 == "Minimum" }?.1 == "below 11 (suppressed)")
        #expect(suppressed.statistics.first { $0.0 == "Maximum" }?.1 == "40")
        let empty = try parse(document(benes: benes(min: "null"))).columns[3]
        #expect(empty.statistics.first { $0.0 == "Minimum" } == nil)
    }
}
