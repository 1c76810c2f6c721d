import Foundation
import Lake
import RxCore

/// Profiles one committed lake table, streaming it row group by row group.
///
/// The first read takes every column: row fingerprints, correlations, string and boolean
/// columns, and the numeric columns whose exact values fit the memory budget next to the
/// fingerprints. Each further read takes only the numeric columns that still need their
/// values, as many as fit the budget (at least one). Within a read, the tasks of each row
/// group (one per column, fingerprints, correlations, alternate row chunks in each of two tasks) run on all cores.
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

        // Plan the reads: values are 8 bytes a row, fingerprints 16.
        let budget = settings.exactMemoryMB << 20
        let perColumn = max(1, rows * 8)
        let firstCapacity = max(0, budget - rows * 16) / perColumn
        let laterCapacity = max(1, budget / perColumn)
        var plan = [Array(numeric.prefix(firstCapacity))]
        var rest = Array(numeric.dropFirst(firstCapacity))
        while !rest.isEmpty {
            plan.append(Array(rest.prefix(laterCapacity)))
            rest = Array(rest.dropFirst(laterCapacity))
        }

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
        var collectors = [NumericCollector]()
        for c in plan[0] {
            let collector = NumericCollector(column: c, isInteger: fields[c].type != .double, expectedRows: rows)
            collectors.append(collector)
            tasks.append(collector)
        }
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
        try read(table, columns: fields.map(\.name), tasks: tasks, progress: progress)
        tasks = []
        finish(collectors, into: &numericSummaries)
        collectors = []
        let duplicates = fingerprints.duplicateRows()
        let spearmanMatrix = spearman.matrix()

        // Further reads: the numeric columns that did not fit.
        for group in plan.dropFirst() {
            // Batches of this read hold only `group`, so collectors index by position in it.
            let batchCollectors = group.enumerated().map { k, c in
                NumericCollector(column: k, isInteger: fields[c].type != .double, expectedRows: rows)
            }
            try read(table, columns: group.map { fields[$0].name }, tasks: batchCollectors, progress: progress)
            var found = [Int: (NumericSummary, nulls: Int)]()
            finish(batchCollectors, into: &found)
            for (k, c) in group.enumerated() { numericSummaries[c] = found[k] }
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
            passes: plan.count, alerts: [])
        result.alerts = Alert.evaluate(result, settings)
        return result
    }

    static func isNumeric(_ t: ColumnType) -> Bool { t == .int32 || t == .int64 || t == .double || t == .date }

    private func read(_ table: LakeTable, columns: [String], tasks: [any BatchTask], progress: (Int) -> Void) throws {
        try table.scan(columns: columns, options: ReadOptions(keepDictionary: true, parallel: true, window: 2)) { batch in
            concurrentForEach(tasks.count) { tasks[$0].consume(batch) }
            progress(batch.rowCount)
        }
    }

    private func finish(_ collectors: [NumericCollector], into out: inout [Int: (NumericSummary, nulls: Int)]) {
        let results = IndexedSlots<NumericSummary>(count: collectors.count)
        let settings = self.settings
        concurrentForEach(collectors.count) { results.set($0, collectors[$0].finish(settings: settings)) }
        for (k, c) in collectors.enumerated() { out[c.column] = (results.get(k), c.nulls) }
    }
}
