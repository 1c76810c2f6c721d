/// The JSON form of a profile, schema version 2 (docs/profile-schema.md). Keys appear in a
/// fixed order; the same profile always gives the same bytes.
public enum ProfileJSON {
    public static let schemaVersion = 2

    public static func encode(_ p: TableProfile, settings: ProfileSettings) -> String {
        document(p, settings).text()
    }

    static func document(_ p: TableProfile, _ s: ProfileSettings) -> JSONValue {
        .object([
            ("schema_version", .int(schemaVersion)),
            ("zone", .string(p.zone)),
            ("table", .string(p.table)),
            ("table_version", .int(p.tableVersion)),
            ("content_hash", .string(p.contentHash)),
            ("rows", .int(p.rows)),
            ("columns", .int(p.columns.count)),
            ("size_bytes", .int(p.sizeBytes)),
            ("duplicate_rows", .int(p.duplicateRows)),
            ("duplicate_row_share", .number(p.rows > 0 ? Double(p.duplicateRows) / Double(p.rows) : nil)),
            ("missing_cells", .int(p.missingCells)),
            ("missing_cells_share", .number(p.missingCellsShare)),
            ("passes", .int(p.passes)),
            ("below_min_rows", .bool(p.belowMinRows)),
            ("settings", settings(s)),
            ("column_profiles", .array(p.columns.map(column))),
            ("correlations", .object([
                ("columns", .array(p.correlationColumns.map { .string($0) })),
                ("note", p.correlationNote.map { .string($0) } ?? .null),
                ("pearson", matrix(p.pearson)),
                ("spearman", matrix(p.spearman)),
                ("spearman_rows", .int(p.spearmanRows)),
                ("spearman_row_stride", .int(p.spearmanStride)),
            ])),
            ("alerts", .array(p.alerts.map(alert))),
        ])
    }

    static func settings(_ s: ProfileSettings) -> JSONValue {
        .object([
            ("exact_memory_mb", .int(s.exactMemoryMB)),
            ("distinct_exact_mb", .int(s.distinctExactMB)),
            ("histogram_bins", .int(s.histogramBins)),
            ("log_histogram_min_ratio", .double(s.logHistogramMinRatio)),
            ("spearman_max_rows", .int(s.spearmanMaxRows)),
            ("min_rows", .int(s.minRows)),
            ("flag_max_distinct", .int(s.flagMaxDistinct)),
            ("high_cardinality_distinct", .int(s.highCardinalityDistinct)),
            ("high_missing_share", .double(s.highMissingShare)),
            ("unique_share", .double(s.uniqueShare)),
            ("correlation_threshold", .double(s.correlationThreshold)),
            ("skewness_threshold", .double(s.skewnessThreshold)),
            ("zeros_share", .double(s.zerosShare)),
            ("imbalance_threshold", .double(s.imbalanceThreshold)),
            ("suppressed_share", .double(s.suppressedShare)),
        ])
    }

    static func column(_ c: ColumnProfile) -> JSONValue {
        var m: [(String, JSONValue)] = [
            ("name", .string(c.name)),
            ("type", .string(c.type)),
            ("kind", .string(c.kind.rawValue)),
            ("semantic_type", .string(c.semantic.rawValue)),
            ("count", .int(c.count)),
            ("nulls", .int(c.nulls)),
            ("null_share", .number(c.nullShare)),
            ("distinct", .object([
                ("value", .int(c.distinct)),
                ("exact", .bool(c.distinctExact)),
                ("relative_error", c.distinctExact ? .null : .double(HyperLogLog.relativeError)),
            ])),
        ]
        if let n = c.numeric { m += numeric(n, c.semantic) }
        if let s = c.string { m += string(s) }
        if let counts = c.valueCounts {
            let total = Double(c.count)
            m.append(("value_counts", .array(counts.map { count($0, total) })))
            if let complete = c.numeric?.categories?.valueCountsComplete { m.append(("value_counts_complete", .bool(complete))) }
        }
        if let v = c.validity {
            m.append(("validity", .object([
                ("check", .string("npi_luhn")),
                ("checked", .int(v.checked)),
                ("valid", .int(v.valid)),
                ("valid_share", .number(v.validShare)),
                ("pseudonyms", .int(v.pseudonyms)),
            ])))
        }
        if let share = c.suppressedShare { m.append(("suppressed_share", .double(share))) }
        if let imbalance = c.imbalance { m.append(("imbalance", .double(imbalance))) }
        return .object(m)
    }

    /// The numeric keys `semantic` calls for: every statistic for a measure; extremes and
    /// quantiles for an ordinal; extremes for a period (its value counts follow); nothing but
    /// shapes for an identifier and nothing for a code or flag (value counts follow).
    static func numeric(_ n: NumericSummary, _ semantic: SemanticType) -> [(String, JSONValue)] {
        func num(_ v: NumericSummary.Number?) -> JSONValue {
            switch v {
            case .none: return .null
            case .int(let i): return .int(Int(i))
            case .double(let d): return .double(d)
            }
        }
        let q1 = n.quantiles.count > 4 ? n.quantiles[2] : nil
        let q3 = n.quantiles.count > 4 ? n.quantiles[4] : nil
        let quantiles: JSONValue = .object(
            [("method", .string("exact_linear"))]
                + zip(NumericSummary.quantileLevels, n.quantiles).map { level, value -> (String, JSONValue) in
                    (level.0, JSONValue.number(value))
                })
        let iqr: JSONValue = .number(q1.flatMap { a in q3.map { $0 - a } })
        switch semantic {
        case .measure, .text: break
        case .ordinal: return [("nan", .int(n.nan)), ("min", num(n.min)), ("max", num(n.max)), ("quantiles", quantiles), ("iqr", iqr)]
        case .period: return [("nan", .int(n.nan)), ("min", num(n.min)), ("max", num(n.max))]
        case .code, .flag: return [("nan", .int(n.nan))]
        case .identifier:
            let total = Double(n.count)
            return [("nan", .int(n.nan)), ("shapes", .array((n.categories?.shapes ?? []).map { count($0, total) }))]
        }
        var m: [(String, JSONValue)] = [
            ("nan", .int(n.nan)),
            ("min", num(n.min)),
            ("max", num(n.max)),
            ("sum", n.count > 0 ? num(n.sum) : .null),
            ("mean", .number(n.mean)),
            ("std", .number(n.std)),
            ("skewness", .number(n.skewness)),
            ("zeros", .int(n.zeros)),
            ("negatives", .int(n.negatives)),
            ("quantiles", quantiles),
            ("iqr", iqr),
            ("iqr_outliers", .int(n.iqrOutliers)),
        ]
        m.append(("histogram", histogram(n.histogram)))
        m.append(("log_histogram", histogram(n.logHistogram)))
        return m
    }

    static func histogram(_ h: NumericSummary.Histogram?) -> JSONValue {
        guard let h else { return .null }
        return .object([("edges", .array(h.edges.map { .double($0) })), ("counts", .array(h.counts.map { .int($0) }))])
    }

    static func string(_ s: StringSummary) -> [(String, JSONValue)] {
        let total = Double(s.count)
        return [
            ("empty", .int(s.empty)),
            ("length", .object([
                ("min", s.minLength.map { .int($0) } ?? .null),
                ("mean", .number(s.meanLength)),
                ("max", s.maxLength.map { .int($0) } ?? .null),
            ])),
            ("top_values", .array(s.topValues.map { count($0, total) })),
            ("top_values_complete", .bool(s.topValuesComplete)),
            ("shapes", .array(s.shapes.map { count($0, total) })),
            ("other_shapes", .int(s.otherShapes)),
        ]
    }

    static func count(_ c: StringSummary.Count, _ total: Double) -> JSONValue {
        .object([("value", .string(c.value)), ("count", .int(c.count)), ("share", .number(total > 0 ? Double(c.count) / total : nil))])
    }

    static func matrix(_ m: [[Double?]]) -> JSONValue { .array(m.map { .array($0.map(JSONValue.number)) }) }

    static func alert(_ a: Alert) -> JSONValue {
        var m: [(String, JSONValue)] = [
            ("type", .string(a.kind.rawValue)),
            ("columns", .array(a.columns.map { .string($0) })),
            ("value", .double(a.value)),
            ("threshold", .number(a.threshold)),
        ]
        if let measure = a.measure { m.append(("measure", .string(measure))) }
        return .object(m)
    }
}
