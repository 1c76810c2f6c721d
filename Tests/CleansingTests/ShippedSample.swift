import Foundation
import Ingestion
import Lake
import RxCore

@testable import Cleansing

/// The shipped sample (local_data/raw) ingested from its CSV files into a fresh lake, once per
/// test process; `cleansed(pseudonymize:)` gives a lake cleansed each way.
enum ShippedSample {
    static let directory = packageDirectory + "/local_data/raw"
    private static let lakes = Locked<[Bool: Result<(Lake, CleanseReport), any Error>]>([:])

    static func ingest(into root: String) throws -> Lake {
        let lake = Lake(root: root)
        _ = try RawCSVIngest(lake: lake, files: try RawCSVIngest.sourceFiles(in: directory)).run()
        return lake
    }

    static let key = "test-key-0123456789-abcdefghijklmnop"

    /// The shared lakes live for the whole test process; the next process removes those of
    /// processes that are gone.
    static func removeStaleLakes() {
        let base = NSTemporaryDirectory()
        for name in (try? FileManager.default.contentsOfDirectory(atPath: base)) ?? [] where name.hasPrefix("rxpipe-cleanse-shared-") {
            guard let pid = Int32(name.split(separator: "-")[3]), pid != getpid(), kill(pid, 0) != 0 else { continue }
            try? FileManager.default.removeItem(atPath: base + name)
        }
    }

    static func cleansed(pseudonymize: Bool) throws -> (Lake, CleanseReport) {
        try lakes.withLock { cache in
            if cache[pseudonymize] == nil {
                cache[pseudonymize] = Result {
                    removeStaleLakes()
                    let root = NSTemporaryDirectory() + "rxpipe-cleanse-shared-\(getpid())-\(pseudonymize ? "pseudo" : "plain")"
                    try? FileManager.default.removeItem(atPath: root)
                    let lake = try ingest(into: root)
                    return (lake, try cleanse(lake, pseudonymize: pseudonymize, key: key))
                }
            }
            return try cache[pseudonymize]!.get()
        }
    }

    /// The faults the generator wrote into the shipped files (regenerated with the README's options).
    static func faults() throws -> [(file: String, fault: SampleFault)] {
        let out = temporaryDirectory("faults")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let reports = try SampleGenerator(options: SampleOptions(rows: 50_000, years: 2021...2023, seed: 42, outputDirectory: out,
                                                                compression: .zstd, faults: 25)).run()
        var list: [(String, SampleFault)] = []
        for r in reports {
            let name = (r.path as NSString).lastPathComponent
            // The regenerated file must be the shipped one, byte for byte, or the lines mean nothing.
            let shipped = FileManager.default.contents(atPath: directory + "/" + name)
            guard shipped == FileManager.default.contents(atPath: r.path) else { throw CocoaError(.fileReadCorruptFile) }
            list += r.faults.map { (name, $0) }
        }
        return list
    }
}
