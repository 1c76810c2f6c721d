import Columnar
import Lake
import RxCore

/// State names and populations: `cleansed/state` when committed, else the state reference
/// shipped with rxpipe (assets/us-states.csv, compiled into `StateReference`).
struct StateDimension: Sendable {
    struct Entry: Sendable, Equatable {
        let name: String?
        let population: Int64?
    }

    let entries: [String: Entry]
    /// Where the entries came from, for the log.
    let source: String

    func entry(_ code: String) -> Entry? { entries[code] }

    static func load(_ lake: Lake) throws -> StateDimension {
        guard let table = try CleansedTable.openIfPresent(lake, CleansedTable.state) else {
            var out = [String: Entry]()
            for s in StateReference.all { out[s.code] = Entry(name: s.name, population: s.population.map { Int64($0) }) }
            return StateDimension(entries: out, source: "the shipped state reference")
        }
        try CleansedTable.require(table, [("state", [.string]), ("state_name", [.string]), ("population", [.int64, .int32])])
        let stream = try RowGroupStream(table: table, columns: ["state", "state_name", "population"])
        var out = [String: Entry]()
        for unit in stream.units {
            let batch = try stream.read(unit)
            try CleansedTable.requireNonNull(batch.columns[0], table: CleansedTable.state, name: "state", batch: batch, file: unit.path)
            let codes = try ColumnAccess.strings(batch.columns[0])
            let names = try ColumnAccess.strings(batch.columns[1])
            let pops = try ColumnAccess.int64(batch.columns[2])
            for r in codes.indices {
                let code = codes[r]!
                guard out[code] == nil else { throw TransformError.duplicateKey(table: "cleansed/state", key: "state \(code)") }
                out[code] = Entry(name: names[r], population: batch.columns[2].isNull(r) ? nil : pops[r])
            }
        }
        return StateDimension(entries: out, source: "cleansed/state")
    }
}
