/// One column of a batch. A thin boundary: the lake's column vectors will replace it.
public enum PostgresColumnValues: Sendable, Equatable {
    /// integer and bigint columns.
    case integers([Int64?])
    /// numeric columns, exact.
    case decimals([PGDecimal?])
    case texts([String?])

    public var count: Int {
        switch self {
        case .integers(let values): return values.count
        case .decimals(let values): return values.count
        case .texts(let values): return values.count
        }
    }
}

/// Up to `batchRows` rows of one source table, column by column, in `SourceTable.columns` order.
public struct PostgresBatch: Sendable, Equatable {
    public let table: SourceTable
    public let columns: [SourceColumn]
    public let values: [PostgresColumnValues]
    public let rowCount: Int
    /// Per row, the `_rescued` JSON object of fields that have no value of their column's type
    /// (a NUMERIC `NaN` or `±Infinity`; the field itself is null), or nil.
    public var rescued: [String?] = []

    public func column(_ name: String) -> PostgresColumnValues? {
        columns.firstIndex { $0.name == name }.map { values[$0] }
    }
}

/// Builds batches from a binary COPY stream, decoding each field as its column's type.
struct PostgresBatchBuilder: PGBinaryCopySink {
    let table: SourceTable
    let sourceName: String
    private let kinds: [Kind]
    private var integers: [[Int64?]]
    private var decimals: [[PGDecimal?]]
    private var texts: [[String?]]
    private(set) var rowCount = 0
    private var rowsBefore = 0
    private var rescue = RescueJSON()
    private var rescued: [String?] = []

    private enum Kind { case int4, int8, decimal, text }

    init(table: SourceTable, sourceName: String) {
        self.table = table
        self.sourceName = sourceName
        kinds = table.columns.map {
            switch $0.type {
            case .integer: return .int4
            case .bigint: return .int8
            case .numeric, .money: return .decimal
            case .text: return .text
            }
        }
        integers = Array(repeating: [], count: kinds.count)
        decimals = Array(repeating: [], count: kinds.count)
        texts = Array(repeating: [], count: kinds.count)
    }

    mutating func beginTuple(fieldCount: Int) throws {}

    mutating func field(_ index: Int, _ bytes: UnsafeRawBufferPointer?) throws {
        do {
            switch kinds[index] {
            case .int4: integers[index].append(try bytes.map { Int64(try PGBinaryValue.int4($0)) })
            case .int8: integers[index].append(try bytes.map { try PGBinaryValue.int8($0) })
            case .decimal:
                // NaN and ±Infinity have no exact decimal: the field is null and its text is
                // rescued, so cleanse quarantines the row (as the CSV path does a non-number)
                // instead of the whole read failing.
                if let bytes, let special = PGBinaryValue.nonFiniteNumeric(bytes) {
                    decimals[index].append(nil)
                    rescue.add(key: table.columns[index].name, value: special)
                } else {
                    decimals[index].append(try bytes.map { try PGBinaryValue.numeric($0) })
                }
            case .text: texts[index].append(try bytes.map { try PGBinaryValue.text($0) })
            }
        } catch let failure as PGBinaryValue.Failure {
            throw PostgresError.unexpectedCopyData(
                context: "table \(sourceName), column \(table.columns[index].name), row \(rowsBefore + rowCount + 1)",
                reason: failure.reason)
        }
    }

    mutating func endTuple() throws {
        rescued.append(rescue.isEmpty ? nil : String(decoding: rescue.take(), as: UTF8.self))
        rowCount += 1
    }

    /// The rows gathered so far as a batch; starts a new one.
    mutating func take() -> PostgresBatch {
        let values: [PostgresColumnValues] = kinds.indices.map { index in
            switch kinds[index] {
            case .int4, .int8: return .integers(integers[index])
            case .decimal: return .decimals(decimals[index])
            case .text: return .texts(texts[index])
            }
        }
        var batch = PostgresBatch(table: table, columns: table.columns, values: values, rowCount: rowCount)
        batch.rescued = rescued
        rescued.removeAll(keepingCapacity: true)
        for index in kinds.indices {
            integers[index].removeAll(keepingCapacity: true)
            decimals[index].removeAll(keepingCapacity: true)
            texts[index].removeAll(keepingCapacity: true)
        }
        rowsBefore += rowCount
        rowCount = 0
        return batch
    }
}
