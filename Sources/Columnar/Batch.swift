import Lake

/// The projected columns of one row group, in the order asked for, with partition columns
/// filled in (``RowGroupStream`` builds it from Lake's `RowGroupBatch`).
public struct Batch: Sendable {
    /// The row group's index in its file.
    public let index: Int
    public let rowCount: Int
    public let fields: [Field]
    public let columns: [ColumnVector]

    public init(index: Int, rowCount: Int, fields: [Field], columns: [ColumnVector]) {
        self.index = index
        self.rowCount = rowCount
        self.fields = fields
        self.columns = columns
    }

    public subscript(name: String) -> ColumnVector? {
        fields.firstIndex { $0.name == name }.map { columns[$0] }
    }
}
