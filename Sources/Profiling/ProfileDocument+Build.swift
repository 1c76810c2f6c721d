extension ProfileDocument {
    /// The document `rxpipe profile` writes for `p`, profiled with `settings`.
    public init(_ p: TableProfile, settings s: ProfileSettings) {
        schemaVersion = Self.schemaVersion
        zone = p.zone
        table = p.table
        tableVersion = p.tableVersion
        contentHash = p.contentHash
        rows = p.rows
        columns = p.columns.count
        sizeBytes = p.sizeBytes
        duplicateRows = p.duplicateRows
        duplicateRowShare = finite(p.rows > 0 ? Double(p.duplicateRows) / Double(p.rows) : nil)
        missingCells = p.missingCells
        missingCellsShare = finite(p.missingCellsShare)
        passes = p.passes
        belowMinRows = p.belowMinRows
        settings = Settings(
            exactMemoryMb: s.exactMemoryMB, distinctExactMb: s.distinctExactMB, histogramBins: s.histogramBins,
            logHistogramMinRatio: s.logHistogramMinRatio, spearmanMaxRows: s.spearmanMaxRows, minRows: s.minRows,
            flagMaxDistinct: s.flagMaxDistinct, highCardinalityDistinct: s.highCardinalityDistinct,
            highMissingShare: s.highMissingShare, uniqueShare: s.uniqueShare, correlationThreshold: s.correlationThreshold,
            skewnessThreshold: s.skewnessThreshold, zerosShare: s.zerosShare, imbalanceThreshold: s.imbalanceThreshold,
            suppressedShare: s.suppressedShare)
        columnProfiles = p.columns.map(ColumnDocument.init)
        correlations = Correlations(
            columns: p.correlationColumns, note: p.correlationNote, pearson: p.pearson.map { $0.map(finite) },
            spearman: p.spearman.map { $0.map(finite) }, spearmanRows: p.spearmanRows, spearmanRowStride: p.spearmanStride)
        alerts = p.alerts.map {
            AlertDocument(type: $0.kind.rawValue, columns: $0.columns, value: $0.value, threshold: finite($0.threshold), measure: $0.measure)
        }
        disclosure = nil
    }
}

extension ColumnDocument {
    /// A column's statistics as its semantic type calls for them: every statistic for a measure;
    /// extremes and quantiles for an ordinal; extremes for a period (its value counts follow);
    /// nothing but shapes for an identifier and nothing for a code or flag (value counts follow).
    init(_ c: ColumnProfile) {
        self.init(
            name: c.name, type: c.type, kind: c.kind.rawValue, semanticType: c.semantic.rawValue, count: c.count, nulls: c.nulls,
            nullShare: finite(c.nullShare),
            distinct: Distinct(value: c.distinct, exact: c.distinctExact, relativeError: c.distinctExact ? nil : HyperLogLog.relativeError))
        if let n = c.numeric { setNumeric(n, c.semantic) }
        if let s = c.string { setString(s) }
        if let counts = c.valueCounts {
            valueCounts = counts.map { Self.count($0, total: c.count) }
            valueCountsComplete = c.numeric?.categories?.valueCountsComplete
        }
        if let v = c.validity {
            validity = Validity(check: "npi_luhn", checked: v.checked, valid: v.valid, validShare: finite(v.validShare), pseudonyms: v.pseudonyms)
        }
        suppressedShare = finite(c.suppressedShare)
        imbalance = finite(c.imbalance)
    }

    private mutating func setNumeric(_ n: NumericSummary, _ semantic: SemanticType) {
        func number(_ v: NumericSummary.Number?) -> ProfileNumber? {
            switch v {
            case .none: return nil
            case .int(let i): return .int(i)
            case .double(let d): return d.isFinite ? .double(d) : nil
            }
        }
        let q = n.quantiles.map(finite)
        var quantiles = Quantiles(method: "exact_linear")
        for (i, level) in Quantiles.levels.enumerated() where i < q.count { quantiles[level: level] = q[i] }
        let iqr = finite(quantiles.p25.flatMap { a in quantiles.p75.map { $0 - a } })
        nan = n.nan
        switch semantic {
        case .measure, .text: break
        case .ordinal:
            (min, max, self.quantiles, self.iqr) = (.some(number(n.min)), .some(number(n.max)), quantiles, .some(iqr))
            return
        case .period:
            (min, max) = (.some(number(n.min)), .some(number(n.max)))
            return
        case .code, .flag: return
        case .identifier:
            shapes = (n.categories?.shapes ?? []).map { Self.count($0, total: n.count) }
            return
        }
        min = .some(number(n.min))
        max = .some(number(n.max))
        sum = .some(n.count > 0 ? number(n.sum) : nil)
        mean = .some(finite(n.mean))
        std = .some(finite(n.std))
        skewness = .some(finite(n.skewness))
        zeros = n.zeros
        negatives = n.negatives
        self.quantiles = quantiles
        self.iqr = .some(iqr)
        iqrOutliers = n.iqrOutliers
        histogram = .some(n.histogram.map { Histogram(edges: $0.edges, counts: $0.counts) })
        logHistogram = .some(n.logHistogram.map { Histogram(edges: $0.edges, counts: $0.counts) })
    }

    private mutating func setString(_ s: StringSummary) {
        empty = s.empty
        length = Length(min: s.minLength, mean: finite(s.meanLength), max: s.maxLength)
        topValues = s.topValues.map { Self.count($0, total: s.count) }
        topValuesComplete = s.topValuesComplete
        shapes = s.shapes.map { Self.count($0, total: s.count) }
        otherShapes = s.otherShapes
    }

    static func count(_ c: StringSummary.Count, total: Int) -> ValueCountDocument {
        ValueCountDocument(value: c.value, count: c.count, share: total > 0 ? Double(c.count) / Double(total) : nil)
    }
}

/// JSON has no NaN or infinity: an undefined statistic is null.
func finite(_ d: Double?) -> Double? { d.flatMap { $0.isFinite ? $0 : nil } }
