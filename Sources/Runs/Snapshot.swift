import Foundation
import Lake

/// Keeps a run's curated tables under `runs/<id>/curated/` (a lake root of its own), so any two
/// runs can be compared later. Parquet part files are never rewritten in place, so they are
/// hard-linked (a copy where links are not possible).
public enum Snapshot {
    public static func take(lakeRoot: String, into root: String) throws -> [String: RunRecord.TableState] {
        let lake = Lake(root: lakeRoot)
        let fm = FileManager.default
        var states: [String: RunRecord.TableState] = [:]
        for name in try lake.tables(zone: "curated") {
            let manifest = try lake.manifest(name)
            let source = lake.directory(name), target = "\(root)/curated/\(name.table)"
            try? fm.removeItem(atPath: target)
            for file in manifest.files {
                let to = "\(target)/\(file.path)"
                try fm.createDirectory(atPath: (to as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                if link("\(source)/\(file.path)", to) != 0 { try fm.copyItem(atPath: "\(source)/\(file.path)", toPath: to) }
            }
            try fm.createDirectory(atPath: target, withIntermediateDirectories: true)
            try fm.copyItem(atPath: "\(source)/_manifest.json", toPath: "\(target)/_manifest.json")
            states[name.table] = RunRecord.TableState(
                rows: manifest.rowCount, contentHash: manifest.contentHash, columns: manifest.schema.map(\.name),
                types: manifest.schema.map { $0.type.rawValue })
        }
        return states
    }
}
