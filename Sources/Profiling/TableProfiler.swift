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

        let budget = settings.exactMemoryMB << 20
        var numericSummaries = [Int: (NumericSummary, nulls: Int)]()
        var strings = [Int: StringCollector]()
        var booleans = [Int: BooleanCollector]()

        // First read: all columns.
        let fingerprints = RowFingerprints(expectedRows: rows)
        var tasks: [any BatchTask] = [fingerprints]
        var pairs = [(Int, Int)]()
        for a in numeric.indices { for b in numeric.indices where b > a { pairs.append((a, b)) } }
        let pearsons = (0..<2).map { PearsonAccumulator(columns: numeric, pairs: pairs, part: $0, parts: 2) }
        tasks += pearsons
        let spearman = SpearmanSample(columns: numeric, totalRows: rows, maxRows: settings.spearmanMaxRows)
        tasks.append(spearman)
        let collectors = numeric.map { NumericCollector(column: $0, isInteger: Self.isInteger(fields[$0].type), expectedRows: rows) }
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
        finish(collectors, into: &numericSummaries, alongside: [
            { duplicateCount.set(0, fingerprints.duplicateRows()) },
            { spearmanResult.set(0, spearman.matrix()) },
        ])
        let duplicates = duplicateCount.get(0)
        let spearmanMatrix = spearmanResult.get(0)
        var passes = 1

        // Further reads: the numeric columns dropped from the reads before.
        var pending = collectors.filter(\.dropped).map(\.column)
        while !pending.isEmpty {
            passes += 1
            // Batches of this read hold only `pending`, so collectors index by position in it.
            let again = pending.enumerated().map { k, c in
                NumericCollector(column: k, isInteger: Self.isInteger(fields[c].type), expectedRows: rows)
            }
            try read(table, columns: pending.map { fields[$0].name }, tasks: again, progress: progress) {
                Self.keepWithin(budget, again, atLeast: 1)
            }
            var found = [Int: (NumericSummary, nulls: Int)]()
            finish(again, into: &found)
            for (k, c) in pending.enumerated() where !again[k].dropped { numericSummaries[c] = found[k] }
            pending = pending.enumerated().filter { again[$0.offset].dropped }.map(\.element)
        }

        var pearson = [[Double?]](repeating: [Double?](repeating: nil, count: numeric.count), count: numeric.count)
        for (q, (a, b)) in pairs.enumerated() {
            pearson[a][b] = PearsonAccumulator.correlation(pearsons, q)
            pearson[b][a] = pearson[a][b]
        }
        var columns = [ColumnProfile]()
        for (c, f) in fields.enumerated() {
            var profile = ColumnProfile(name: f.name, type: f.type.rawValue, kind: .numeric, rows: rows, nulls: 0)
            if let entry = numericSummaries[c] {
                profile.numeric = entry.0
                profile.nulls = entry.nulls
            } else if let s = strings[c] {
                let summary = StringSummary.make(s, flagMaxDistinct: settings.flagMaxDistinct)
                profile.string = summary
                profile.nulls = s.nulls
                profile.kind = summary.valueCounts != nil ? .flag : .string
            } else if let b = booleans[c] {
                profile.kind = .boolean
                profile.trues = b.trues
                profile.falses = b.falses
                profile.nulls = b.nulls
            }
            columns.append(profile)
        }
        for k in numeric.indices {
            if let entry = numericSummaries[numeric[k]], entry.0.distinct > 1 { pearson[k][k] = 1 }
        }
        var result = TableProfile(
            zone: name.zone, table: name.table, tableVersion: table.manifest.version, contentHash: table.manifest.contentHash,
            rows: rows, sizeBytes: table.manifest.files.reduce(0) { $0 + $1.bytes }, duplicateRows: duplicates,
            columns: columns, correlationColumns: numeric.map { fields[$0].name }, pearson: pearson,
            spearman: spearmanMatrix, spearmanRows: spearman.sampledRows, spearmanStride: spearman.stride,
            passes: passes, alerts: [])
        result.alerts = Alert.evaluate(result, settings)
        return result
    }

    static func isNumeric(_ t: ColumnType) -> Bool { t == .int32 || t == .int64 || t == .double || t == .decimal || t == .date }

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
        _ collectors: [NumericCollector], into out: inout [Int: (NumericSummary, nulls: Int)], alongside: [@Sendable () -> Void] = []
    ) {
        let kept = collectors.filter { !$0.dropped }
        let results = IndexedSlots<NumericSummary>(count: kept.count)
        let settings = self.settings
        // The extra tasks go first: they are the longest.
        let extra = alongside.count
        concurrentForEach(kept.count + extra) { k in
            if k < extra { alongside[k]() } else { results.set(k - extra, kept[k - extra].finish(settings: settings)) }
        }
        for (k, c) in kept.enumerated() { out[c.column] = (results.get(k), c.nulls) }
    }
}
