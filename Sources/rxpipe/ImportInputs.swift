import Foundation
import Lake

/// What `rxpipe lake import` reads: Parquet files and Hive dataset folders (`HiveDataset`), one
/// schema for all of them, a folder's partition values added as columns after the file's own.
struct ImportInputs {
    private struct Input {
        let file: ParquetFile
        let partitionValues: [String?]
    }

    let schema: Schema
    private let inputs: [Input]
    private let partitionFields: [Field]

    init(paths: [String]) throws {
        var inputs = [Input]()
        var partitionFields: [Field]?
        var origin = ""
        for path in paths {
            var isFolder: ObjCBool = false
            let found: [(String, [String?])]
            let fields: [Field]
            if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
                let dataset = try HiveDataset(directory: path)
                found = dataset.files.map { ($0.path, $0.values) }
                fields = dataset.partitionFields()
            } else {
                found = [(path, [])]
                fields = []
            }
            if let known = partitionFields, known.map(\.name) != fields.map(\.name) {
                throw LakeError.invalidInput("\(path) is partitioned by \(fields.map(\.name)), \(origin) by \(known.map(\.name))")
            }
            // A column typed int32 in one folder and string in another is read as string.
            partitionFields = zip(partitionFields ?? fields, fields).map { a, b in
                Field(a.name, a.type == b.type ? a.type : .string, nullable: a.nullable || b.nullable)
            }
            origin = path
            for (file, values) in found { inputs.append(Input(file: try ParquetFile(path: file), partitionValues: values)) }
        }
        let fileSchema = try inputs[0].file.schema()
        for input in inputs.dropFirst() where try input.file.schema() != fileSchema {
            throw LakeError.invalidInput("\(input.file.path) has a different schema from \(inputs[0].file.path)")
        }
        let partitions = partitionFields ?? []
        if let clash = partitions.first(where: { p in fileSchema.fields.contains { $0.name == p.name } }) {
            throw LakeError.invalidInput("\(inputs[0].file.path) has a column \(clash.name) and sits in \(clash.name)= folders: which one is meant?")
        }
        self.schema = Schema(fileSchema.fields + partitions)
        self.inputs = inputs
        self.partitionFields = partitions
    }

    /// Every row group of every input in order, with the partition columns appended.
    func forEachBatch(_ body: ([ColumnVector]) throws -> Void) throws {
        for input in inputs {
            for g in 0..<input.file.rowGroupCount {
                let batch = try input.file.readRowGroup(g)
                let constants = zip(partitionFields, input.partitionValues).map { field, value in
                    HiveDataset.column(field, value: value, rows: batch.rowCount)
                }
                try body(batch.columns + constants)
            }
        }
    }
}
