import Dispatch
import Lake
import RxCore

/// Streams a committed table's row groups, optionally over several workers. Each worker
/// takes the row groups whose position is its number modulo the worker count, in file
/// order, so the split (and any partial aggregate built from it) is the same on every run.
public struct RowGroupStream: Sendable {
    /// One row group of one part file, with the file's partition values.
    public struct Unit: Sendable {
        public let path: String
        public let rowGroup: Int
        public let rows: Int
        public let partition: [String: String?]
    }

    public let table: LakeTable
    public let columns: [String]
    public let units: [Unit]
    private let fields: [Field]
    private let partitionColumns: Set<String>

    public init(table: LakeTable, columns: [String]) throws {
        let schema = table.schema
        var fields = [Field]()
        for n in columns {
            guard let i = schema.index(of: n) else { throw LakeError.invalidInput("\(table.directory) has no column named \(n)") }
            fields.append(schema.fields[i])
        }
        var units = [Unit]()
        for file in table.manifest.files {
            let path = "\(table.directory)/\(file.path)"
            let pf = try ParquetFile(path: path)
            guard pf.rowCount == file.rows else {
                throw LakeError.table(path: table.directory, reason: "file \(file.path) holds \(pf.rowCount) rows but the manifest lists \(file.rows)")
            }
            for g in 0..<pf.rowGroupCount { units.append(Unit(path: path, rowGroup: g, rows: pf.rowCount(rowGroup: g), partition: file.partition)) }
        }
        self.table = table
        self.columns = columns
        self.units = units
        self.fields = fields
        self.partitionColumns = Set(table.manifest.partitionColumns)
    }

    public var rowCount: Int { units.reduce(0) { $0 + $1.rows } }

    /// Reads one unit: the file's columns plus the partition columns as constants.
    public func read(_ unit: Unit, file: ParquetFile? = nil) throws -> Batch {
        let pf = try file ?? ParquetFile(path: unit.path)
        let fileColumns = columns.filter { !partitionColumns.contains($0) }
        let batch = try pf.readRowGroup(unit.rowGroup, columns: fileColumns, options: ReadOptions(keepDictionary: true, parallel: false))
        var cols = [ColumnVector]()
        for (n, f) in zip(columns, fields) {
            if partitionColumns.contains(n) {
                cols.append(try Self.constant(f, unit.partition[n] ?? nil, rows: unit.rows, path: unit.path))
            } else {
                cols.append(batch[n]!)
            }
        }
        return Batch(index: unit.rowGroup, rowCount: unit.rows, fields: fields, columns: cols)
    }

    /// Folds every row group into one state per worker and returns the states in worker
    /// order. Worker w gets units w, w + n, w + 2n, … and keeps its state in a local, so the
    /// hot loop touches no shared memory. The first error stops every worker and is rethrown.
    public func reduce<State: Sendable>(workers: Int, initial: @Sendable (Int) -> State,
                                        _ body: @Sendable (inout State, Batch) throws -> Void) throws -> [State] {
        let n = max(1, workers)
        let failure = Locked<(any Error)?>(nil)
        let results = Locked<[State?]>(Array(repeating: nil, count: n))
        @Sendable func work(_ w: Int) {
            var state = initial(w)
            var file: ParquetFile? = nil
            var index = w
            while index < units.count {
                if failure.withLock({ $0 != nil }) { return }
                do {
                    let unit = units[index]
                    if file?.path != unit.path { file = try ParquetFile(path: unit.path) }
                    try body(&state, try read(unit, file: file))
                } catch {
                    failure.withLock { if $0 == nil { $0 = error } }
                    return
                }
                index += n
            }
            let done = state
            results.withLock { $0[w] = done }
        }
        if n == 1 { work(0) } else { DispatchQueue.concurrentPerform(iterations: n, execute: work) }
        if let error = failure.withLock({ $0 }) { throw error }
        return results.withLock { $0.map { $0! } }
    }

    static func constant(_ f: Field, _ text: String?, rows: Int, path: String) throws -> ColumnVector {
        let valid: [Bool]? = text == nil ? [Bool](repeating: false, count: rows) : nil
        func bad() -> LakeError { LakeError.invalidInput("\(path): partition value \(text ?? "null") is not a valid \(f.type)") }
        switch f.type {
        case .int32:
            guard let v = text.map({ Int32($0) }) ?? 0 else { throw bad() }
            return ColumnVector(.int32([Int32](repeating: v, count: rows)), validity: valid)
        case .int64:
            guard let v = text.map({ Int64($0) }) ?? 0 else { throw bad() }
            return ColumnVector(.int64([Int64](repeating: v, count: rows)), validity: valid)
        case .string:
            var a = StringArray()
            for _ in 0..<rows { a.append(text ?? "") }
            return ColumnVector(.string(a), validity: valid)
        default:
            throw LakeError.unsupported(file: path, column: f.name, feature: "a \(f.type) partition column in a transform input")
        }
    }
}
