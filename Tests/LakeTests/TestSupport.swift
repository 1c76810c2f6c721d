import Foundation
@testable import Lake

/// A fresh temporary directory per test, removed by the caller with `cleanup()`.
struct TempDir {
    let path: String
    init() {
        path = NSTemporaryDirectory() + "rxpipe-lake-tests-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    func cleanup() { try? FileManager.default.removeItem(atPath: path) }
    func file(_ name: String) -> String { "\(path)/\(name)" }
}

/// Repository paths found from this file's location.
enum Repo {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()
    static var corpus: String { root + "/Tests/Corpus/lake" }
}

/// Reads every row group of a file, dictionaries expanded, one vector per column.
func readAll(_ path: String, columns: [String]? = nil) throws -> [ColumnVector] {
    let f = try ParquetFile(path: path)
    var out: [[Value]] = []
    var types: [ColumnType] = []
    try f.scan(columns: columns) { batch in
        if out.isEmpty { out = Array(repeating: [], count: batch.columns.count); types = batch.fields.map(\.type) }
        for (i, c) in batch.columns.enumerated() { for r in 0..<c.count { out[i].append(c.value(at: r)) } }
    }
    return try zip(out, types).map { try ColumnVector.from($0, type: $1) }
}

/// Values with NaN compared by bit pattern and ±0 told apart.
func sameValues(_ a: [Value], _ b: [Value]) -> Bool {
    guard a.count == b.count else { return false }
    for (x, y) in zip(a, b) {
        switch (x, y) {
        case (.double(let p), .double(let q)): if p.bitPattern != q.bitPattern && !(p.isNaN && q.isNaN) { return false }
        default: if x != y { return false }
        }
    }
    return true
}

func values(_ c: ColumnVector) -> [Value] { (0..<c.count).map { c.value(at: $0) } }

/// A small deterministic random generator (SplitMix64), so failures reproduce.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
