import Foundation
import Lake
import RxCore

/// Profiles one committed lake table, streaming it row group by row group.
///
/// The first read takes every column: row fingerprints, correlations, string and boolean
/// columns, and every numeric column. A numeric column counts its distinct values while they
/// are few and keeps every value once they are many (`NumericCollector`); after each row group,
/// while the values kept exceed the memory budget (`exact_memory_mb`, with the fingerprints'
/// 16 bytes a row counted in the first read), the column holding the most is dropped and read
/// again later with the others dropped, as many as fit (at least one a read). Each column's
/// memory depends only on its values, so the reads are the same from run to run. Within a read,
/// the tasks of each row group (one per column, fingerprints, correlations, alternate row chunks
/// in each of two tasks) run on all cores.
public struct TableProfiler {
    public let lake: Lake
    public let settings: ProfileSettings

    public init(lake: Lake, settings: ProfileSettings) {
        self.lake = lake
        self.settings = settings
    }

    /// `progress` is called with the rows of each row group read (all reads together).
    public func profile(_ name: Lake.TableName, progress: (Int) -> Void = { _ in }) throws -> TableProfile {
        let table = try lake.open(name)
        let fields = table.schema.fields
        let rows = table.rowCount
        let numeric = fields.indices.filter { Self.isNumeric(fields[$0].type) }
        let named = fields.map { SemanticType.fromName($0.name, type: $0.type) }
        // Correlations only among measures, and only in a table that has the minimum sample.
        // A column the name rules left open is correlated too; if its data makes it an
        // identifier, its row and column are dropped at the end.
        let correlated = rows >= settings.minRows ? numeric.filter { (named[$0] ?? .measure) == .measure } : []

        let budget = settings.exactMemoryMB << 20
        var numericSummaries = [Int: Summarised]()
        var strings = [Int: StringCollector]()
        var booleans = [Int: BooleanCollector]()

        // First read: all columns.
        let fingerprints = RowFingerprints(expectedRows: rows)
        var tasks: [any BatchTask] = [fingerprints]
        var pairs = [(Int, Int)]()
        for a in correlated.indices { for b in correlated.indices where b > a { pairs.append((a, b)) } }
        let pearsons = (0..<2).map { PearsonAccumulator(columns: correlated, pairs: pairs, part: $0, parts: 2) }
        let spearman = SpearmanSample(
            columns: correlated, totalRows: rows, maxRows: settings.spearmanMaxRows, minPairs: max(2, settings.minRows))
        if correlated.count >= 2 {
            tasks += pearsons
            tasks.append(spearman)
        }
        let collectors = numeric.map { collector(at: $0, fields[$0], named[$0], rows: rows) }
        tasks += collectors as [any BatchTask]
        for (c, f) in fields.enumerated() {
            switch f.type {
            case .string:
                let s = StringCollector(column: c, budgetBytes: settings.distinctExactMB << 20)
                strings[c] = s
                tasks.append(s)
            case .boolean:
                let b = BooleanCollector(column: c)
                booleans[c] = b
                tasks.append(b)
            default: break
            }
        }
        let fingerprintBytes = rows * 16
        try read(table, columns: fields.map(\.name), tasks: tasks, progress: progress) {
            Self.keepWithin(budget - fingerprintBytes, collectors, atLeast: 0)
        }
        tasks = []
        // The duplicate count and the Spearman ranks run beside the numeric summaries.
        let duplicateCount = IndexedSlots<Int>(count: 1)
        let spearmanResult = IndexedSlots<[[Double?]]>(count: 1)
        var alongside: [@Sendable () -> Void] = [{ duplicateCount.set(0, fingerprints.duplicateRows()) }]
        if correlated.count >= 2 { alongside.append { spearmanResult.set(0, spearman.matrix()) } }
        finish(collectors, into: &numericSummaries, alongside: alongside)
        let duplicates = duplicateCount.get(0)
        let spearmanMatrix = correlated.count >= 2 ? spearmanResult.get(0) : nil
        var passes = 1

        // Further reads: the numeric columns dropped from the reads before.
        var pending = collectors.filter(\.dropped).map(\.column)
        while !pending.isEmpty {
            passes += 1
            // Batches of this read hold only `pending`, so collectors index by position in it.
            let again = pending.enumerated().map { k, c in collector(at: k, fields[c], named[c], rows: rows) }
            try read(table, columns: pending.map { fields[$0].name }, tasks: again, progress: progress) {
                Self.keepWithin(budget, again, atLeast: 1)
            }
            var found = [Int: Summarised]()
            finish(again, into: &found)
            for (k, c) in pending.enumerated() where !again[k].dropped { numericSummaries[c] = found[k] }
            pending = pending.enumerated().filter { again[$0.offset].dropped }.map(\.element)
        }

        var columns = [ColumnProfile]()
        for (c, f) in fields.enumerated() {
            var profile = ColumnProfile(name: f.name, type: f.type.rawValue, kind: .numeric, semantic: .measure, rows: rows, nulls: 0)
            if let entry = numericSummaries[c] {
                profile.numeric = entry.summary
                profile.nulls = entry.nulls
                profile.validity = entry.summary.categories?.validity
                profile.semantic = named[c] ?? SemanticType.refined(
                    integer: f.type != .double, count: entry.summary.count + entry.summary.nan,
                    distinct: entry.summary.distinct, ascending: entry.ascending, isString: false, minRows: settings.minRows)
            } else if let s = strings[c] {
                let summary = StringSummary.make(s, flagMaxDistinct: settings.flagMaxDistinct)
                profile.string = summary
                profile.nulls = s.nulls
                profile.kind = summary.valueCounts != nil ? .flag : .string
                profile.semantic = named[c] ?? SemanticType.refined(
                    integer: false, count: summary.count, distinct: summary.distinct, ascending: false, isString: true,
                    minRows: settings.minRows)
                if profile.semantic == .identifier && SemanticType.isNPI(f.name) && !s.overflowed {
                    profile.validity = NPIValidity.of(s.counts)
                }
            } else if let b = booleans[c] {
                profile.kind = .boolean
                profile.semantic = .flag
                profile.trues = b.trues
                profile.falses = b.falses
                profile.nulls = b.nulls
            }
            columns.append(profile)
        }
        // The matrices keep the columns that are measures after all.
        let measures = correlated.indices.filter { columns[correlated[$0]].semantic == .measure }
        let kept = measures.count >= 2 ? measures : []
        var pearson = [[Double?]](repeating: [Double?](repeating: nil, count: correlated.count), count: correlated.count)
        for (q, (a, b)) in pairs.enumerated() where correlated.count >= 2 {
            pearson[a][b] = PearsonAccumulator.correlation(pearsons, q, minPairs: max(2, settings.minRows))
            pearson[b][a] = pearson[a][b]
        }
        for k in kept where numericSummaries[correlated[k]].map({ $0.summary.distinct > 1 }) ?? false { pearson[k][k] = 1 }
        let spearmanFull = spearmanMatrix ?? []
        func keep(_ m: [[Double?]]) -> [[Double?]] { kept.map { a in kept.map { b in m[a][b] } } }
        let note: String? =
            rows < settings.minRows
            ? "\(rows) rows, fewer than min_rows (\(settings.minRows))"
            : kept.count < 2 ? "fewer than two measure columns" : nil
        var result = TableProfile(
            zone: name.zone, table: name.table, tableVersion: table.manifest.version, contentHash: table.manifest.contentHash,
            rows: rows, sizeBytes: table.manifest.files.reduce(0) { $0 + $1.bytes }, duplicateRows: duplicates,
            columns: columns, correlationColumns: kept.map { fields[correlated[$0]].name }, correlationNote: note,
            pearson: keep(pearson), spearman: keep(spearmanFull),
            spearmanRows: kept.count >= 2 ? spearman.sampledRows : 0, spearmanStride: spearman.stride,
            passes: passes, alerts: [], minRows: settings.minRows)
        result.alerts = Alert.evaluate(result, settings)
        return result
    }

    /// A numeric column's summary with what decides its semantic type from the data.
    typealias Summarised = (summary: NumericSummary, nulls: Int, ascending: Bool)

    /// The collector of the numeric column `field`, reading batch column `position`: it
    /// summarises by the type the name gives (a measure when it gives none).
    private func collector(at position: Int, _ field: Field, _ named: SemanticType?, rows: Int) -> NumericCollector {
        let semantic = named ?? .measure
        return NumericCollector(
            column: position, isInteger: Self.isInteger(field.type), expectedRows: rows, semantic: semantic,
            checkNPI: semantic == .identifier && SemanticType.isNPI(field.name), inferred: named == nil)
    }

    static func isNumeric(_ t: ColumnType) -> Bool { t == .int32 || t == .int64 || t == .double || t == .decimal || t == .date || t == .timestamp }

    /// Money (DECIMAL) is profiled in dollars, as doubles: its statistics are descriptive
    /// (quantiles, moments, histograms), not the exact sums the curated tables publish.
    static func isInteger(_ t: ColumnType) -> Bool { t != .double && t != .decimal }

    private func read(
        _ table: LakeTable, columns: [String], tasks: [any BatchTask], progress: (Int) -> Void, afterBatch: () -> Void
    ) throws {
        try table.scan(columns: columns, options: ReadOptions(keepDictionary: true, parallel: true, window: 2)) { batch in
            concurrentForEach(tasks.count) { tasks[$0].consume(batch) }
            afterBatch()
            progress(batch.rowCount)
        }
    }

    /// Drops the collectors holding the most (the later column on a tie) until the rest hold
    /// at most `budget` bytes or only `atLeast` remain.
    static func keepWithin(_ budget: Int, _ collectors: [NumericCollector], atLeast: Int) {
        var active = collectors.filter { !$0.dropped }
        var held = active.reduce(0) { $0 + $1.memoryBytes }
        while held > budget && active.count > atLeast {
            var victim = 0
            for k in active.indices where active[k].memoryBytes >= active[victim].memoryBytes { victim = k }
            held -= active[victim].memoryBytes
            active[victim].drop()
            active.remove(at: victim)
        }
    }

    /// Summarises the collectors that were not dropped, on all cores, with the `alongside` tasks.
    private func finish(
        _ collectors: [NumericCollector], into out: inout [Int: Summarised], alongside: [@Sendable () -> Void] = []
    ) {
        let kept = collectors.filter { !$0.dropped }
        let results = IndexedSlots<NumericSummary>(count: kept.count)
        let settings = self.settings
        // The extra tasks go first: they are the longest.
        let extra = alongside.count
        concurrentForEach(kept.count + extra) { k in
            if k < extra { alongside[k]() } else { results.set(k - extra, kept[k - extra].finish(settings: settings)) }
        }
        for (k, c) in kept.enumerated() { out[c.column] = (results.get(k), c.nulls, c.ascending) }
    }
}
