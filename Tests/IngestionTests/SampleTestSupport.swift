import Foundation

@testable import Ingestion

/// A fresh temporary directory, removed by the caller.
func temporaryDirectory(_ name: String) -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("rxpipe-\(name)-\(getpid())-\(UUID().uuidString.prefix(8))").path
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// Splits CSV text into records of fields (RFC 4180 quoting), for checking generated files.
func parseCSV(_ text: String) -> [[String]] {
    var records: [[String]] = []
    var field = "", record: [String] = []
    var quoted = false, afterQuote = false
    for character in text {
        if quoted {
            if character == "\"" { quoted = false; afterQuote = true } else { field.append(character) }
            continue
        }
        switch character {
        case "\"":
            if afterQuote { field.append("\"") }
            quoted = true
            afterQuote = false
        case ",":
            record.append(field); field = ""; afterQuote = false
        case "\n":
            record.append(field); records.append(record); record = []; field = ""; afterQuote = false
        default:
            field.append(character); afterQuote = false
        }
    }
    if !field.isEmpty || !record.isEmpty { record.append(field); records.append(record) }
    return records
}

func generate(
    rows: Int, years: ClosedRange<Int> = 2022...2022, seed: UInt64 = 7, faults: Int = 0,
    compression: SampleCompression = .none, chunkSize: Int = 2_048, into directory: String
) throws -> [SampleFileReport] {
    let options = SampleOptions(rows: rows, years: years, seed: seed, outputDirectory: directory, compression: compression, faults: faults)
    return try SampleGenerator(options: options, chunkSize: chunkSize).run()
}
