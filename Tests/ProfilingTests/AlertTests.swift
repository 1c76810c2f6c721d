import Testing
@testable import Profiling

@Suite struct AlertTests {
    func numeric(
        _ name: String, rows: Int, nulls: Int, zeros: Int, skewness: Double?, distinct: Int, semantic: SemanticType = .measure
    ) -> ColumnProfile {
        var c = ColumnProfile(name: name, type: "int64", kind: .numeric, semantic: semantic, rows: rows, nulls: nulls)
        c.numeric = NumericSummary(
            count: rows - nulls, nan: 0, distinct: distinct, min: .int(0), max: .int(9), sum: .int(0), mean: 0, std: 1,
            skewness: skewness, zeros: zeros, negatives: 0, quantiles: [], iqrOutliers: 0, histogram: nil, logHistogram: nil)
        return c
    }

    func flag(_ name: String, rows: Int, counts: [(String, Int)]) -> ColumnProfile {
        var c = ColumnProfile(name: name, type: "string", kind: .flag, rows: rows, nulls: rows - counts.reduce(0) { $0 + $1.1 })
        let values = counts.map { StringSummary.Count(value: $0.0, count: $0.1) }
        c.string = StringSummary(
            count: rows - c.nulls, empty: counts.first { $0.0.isEmpty }?.1 ?? 0, distinct: counts.count, distinctExact: true,
            minLength: 0, maxLength: 1, meanLength: 1, topValues: values, topValuesComplete: true, valueCounts: values,
            shapes: [], otherShapes: 0)
        return c
    }

    func table(_ columns: [ColumnProfile], pearson: Double? = nil, minRows: Int = 1) -> TableProfile {
        TableProfile(
            zone: "raw", table: "t", tableVersion: 1, contentHash: "", rows: columns[0].rows, sizeBytes: 0, duplicateRows: 0,
            columns: columns, correlationColumns: ["a", "b"], pearson: [[1, pearson], [pearson, 1]], spearman: [[nil, nil], [nil, nil]],
            spearmanRows: 0, spearmanStride: 1, passes: 1, alerts: [], minRows: minRows)
    }

    func kinds(_ t: TableProfile, _ s: ProfileSettings) -> Set<String> {
        Set(Alert.evaluate(t, s).map { "\($0.kind.rawValue):\($0.columns.joined(separator: ","))" })
    }

    /// Settings whose minimum sample lets the small tables below raise alerts.
    func small() -> ProfileSettings {
        var s = ProfileSettings()
        s.minRows = 1
        return s
    }

    @Test func numericAlertsFireAboveTheirThresholdsOnly() {
        var s = small()
        s.zerosShare = 0.25
        s.highMissingShare = 0.2
        s.skewnessThreshold = 3
        // 10 rows, 2 null (0.2: not above), 2 zeros of 8 (0.25: not above), skew 3 (not above).
        let at = table([numeric("a", rows: 10, nulls: 2, zeros: 2, skewness: 3, distinct: 5)])
        #expect(kinds(at, s).isEmpty)
        let above = table([numeric("a", rows: 10, nulls: 3, zeros: 3, skewness: -3.5, distinct: 5)])
        #expect(kinds(above, s) == ["high_missing:a", "many_zeros:a", "skewed:a"])
    }

    @Test func constantAndUnique() {
        let s = small()
        #expect(kinds(table([numeric("a", rows: 4, nulls: 0, zeros: 0, skewness: nil, distinct: 1)]), s) == ["constant:a"])
        // Unique is news for a code (or text), not for a measure or an identifier.
        #expect(kinds(table([numeric("a", rows: 4, nulls: 0, zeros: 0, skewness: nil, distinct: 4, semantic: .code)]), s) == ["unique:a"])
        #expect(kinds(table([numeric("a", rows: 4, nulls: 0, zeros: 0, skewness: nil, distinct: 4)]), s).isEmpty)
        #expect(kinds(table([numeric("a", rows: 4, nulls: 0, zeros: 0, skewness: nil, distinct: 4, semantic: .identifier)]), s).isEmpty)
        var loose = s
        loose.uniqueShare = 0.75
        #expect(kinds(table([numeric("a", rows: 4, nulls: 0, zeros: 0, skewness: nil, distinct: 3, semantic: .code)]), loose) == ["unique:a"])
        #expect(kinds(table([numeric("a", rows: 4, nulls: 0, zeros: 0, skewness: nil, distinct: 2, semantic: .code)]), loose).isEmpty)
    }

    @Test func aTableBelowTheMinimumSampleRaisesNoAlert() {
        var s = ProfileSettings()
        s.correlationThreshold = 0.5
        // kpi_year-like: 3 rows, a null in a year-over-year column, a perfect correlation.
        let columns = [numeric("a", rows: 3, nulls: 1, zeros: 0, skewness: nil, distinct: 1)]
        let tiny = table(columns, pearson: 1, minRows: s.minRows)
        #expect(tiny.belowMinRows)
        #expect(Alert.evaluate(tiny, s).isEmpty)
        s.minRows = 3
        #expect(kinds(table(columns, pearson: 1, minRows: 3), s) == ["constant:a", "high_missing:a", "highly_correlated:a,b"])
    }

    @Test func distributionAlertsNeedTheMinimumInTheColumnAndAMeasure() {
        var s = small()
        s.zerosShare = 0.1
        s.skewnessThreshold = 1
        let measure = numeric("a", rows: 40, nulls: 0, zeros: 20, skewness: 5, distinct: 5)
        #expect(kinds(table([measure]), s) == ["many_zeros:a", "skewed:a"])
        let identifier = numeric("a", rows: 40, nulls: 0, zeros: 20, skewness: 5, distinct: 5, semantic: .identifier)
        #expect(kinds(table([identifier]), s).isEmpty)
        s.minRows = 41
        #expect(kinds(table([measure], minRows: 1), s).isEmpty)
    }

    @Test func imbalanceAndSuppressedShare() {
        var s = small()
        s.suppressedShare = 0.5
        s.highMissingShare = 1
        // 4 rows of 8 flagged (2 "*", 2 "#", 4 null): share 0.5 → fires at the threshold; 2:2 is balanced.
        let f = flag("GE65_Sprsn_Flag", rows: 8, counts: [("*", 2), ("#", 2)])
        #expect(f.suppressedShare == 0.5)
        #expect(f.imbalance == 0)
        #expect(kinds(table([f]), s) == ["suppressed_share:GE65_Sprsn_Flag"])
        s.suppressedShare = 0.51
        #expect(kinds(table([f]), s).isEmpty)
        let skewed = flag("x", rows: 100, counts: [("a", 99), ("b", 1)])
        #expect(abs(skewed.imbalance! - (1 - (-(0.99 * log(0.99) + 0.01 * log(0.01))) / log(2))) < 1e-12)
        s.imbalanceThreshold = skewed.imbalance! - 1e-9
        #expect(kinds(table([skewed]), s).contains("imbalance:x"))
        s.imbalanceThreshold = skewed.imbalance!
        #expect(!kinds(table([skewed]), s).contains("imbalance:x"))
    }

    @Test func highlyCorrelatedPairs() {
        var s = small()
        s.correlationThreshold = 0.8
        let a = numeric("a", rows: 4, nulls: 0, zeros: 0, skewness: nil, distinct: 3)
        #expect(kinds(table([a], pearson: -0.81), s).contains("highly_correlated:a,b"))
        #expect(!kinds(table([a], pearson: 0.8), s).contains("highly_correlated:a,b"))
    }
}

#if canImport(Glibc)
import Glibc
#endif
