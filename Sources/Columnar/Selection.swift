import Lake

/// A selection vector: the row numbers (ascending) of a batch that pass a filter. Operators
/// take one instead of copying the surviving rows; `ColumnVector.gather` materialises it.
public struct Selection: Sendable, Equatable {
    public private(set) var rows: [Int32]

    public init(rows: [Int32]) { self.rows = rows }

    /// Every row of a batch of `count` rows.
    public static func all(_ count: Int) -> Selection { Selection(rows: (0..<Int32(count)).map { $0 }) }

    public var count: Int { rows.count }

    /// Rows whose value in `column` is not null.
    public static func nonNull(_ column: ColumnVector) -> Selection {
        guard let v = column.validity else { return .all(column.count) }
        var out = [Int32]()
        out.reserveCapacity(column.count)
        for i in 0..<v.count where v[i] { out.append(Int32(i)) }
        return Selection(rows: out)
    }

    /// Rows of an integer column (non-null) for which `predicate` holds.
    public static func whereInt(_ column: ColumnVector, _ predicate: (Int64) -> Bool) throws -> Selection {
        let values = try ColumnAccess.int64(column)
        var out = [Int32]()
        for i in values.indices where !column.isNull(i) && predicate(values[i]) { out.append(Int32(i)) }
        return Selection(rows: out)
    }

    /// Rows of a double column (non-null) for which `predicate` holds.
    public static func whereDouble(_ column: ColumnVector, _ predicate: (Double) -> Bool) throws -> Selection {
        let values = try ColumnAccess.double(column)
        var out = [Int32]()
        for i in values.indices where !column.isNull(i) && predicate(values[i]) { out.append(Int32(i)) }
        return Selection(rows: out)
    }

    /// Rows of a boolean column that are true (nulls are not selected).
    public static func whereTrue(_ column: ColumnVector) throws -> Selection {
        let values = try ColumnAccess.boolean(column)
        var out = [Int32]()
        for i in values.indices where !column.isNull(i) && values[i] { out.append(Int32(i)) }
        return Selection(rows: out)
    }

    /// Rows in both selections (a merge of two ascending lists).
    public func intersection(_ other: Selection) -> Selection {
        var out = [Int32]()
        var i = 0, j = 0
        while i < rows.count && j < other.rows.count {
            if rows[i] == other.rows[j] { out.append(rows[i]); i += 1; j += 1 } else if rows[i] < other.rows[j] { i += 1 } else { j += 1 }
        }
        return Selection(rows: out)
    }
}
