import EmbeddedDefaults
import Foundation
import RxCore

/// `rxpipe init`: an editable copy of the built-in templates and static assets
/// (`templates/`, which a run in that folder then uses) and a commented `rxpipe.toml`.
public struct ProjectInit {
    public let directory: String
    /// Path relative to `directory` → bytes, sorted by path.
    public let files: [(path: String, bytes: [UInt8])]

    public init(directory: String) {
        self.directory = directory
        var files = EmbeddedDefaults.templates.map { (path: "templates/" + $0.key, bytes: $0.value) }
        files.append((path: "rxpipe.toml", bytes: Array(ConfigTemplate.toml().utf8)))
        self.files = files.sorted { $0.path < $1.path }
    }

    /// The files that are there already (relative paths).
    public func existing() -> [String] {
        files.map(\.path).filter { FileManager.default.fileExists(atPath: directory + "/" + $0) }
    }

    /// Writes every file, creating folders; refuses before writing anything when a file exists,
    /// unless `force`. Returns the paths written.
    @discardableResult
    public func write(force: Bool) throws(InitError) -> [String] {
        let clashes = existing()
        if !clashes.isEmpty, !force { throw .wouldOverwrite(directory: directory, paths: clashes) }
        for file in files {
            let path = directory + "/" + file.path
            do {
                try FileManager.default.createDirectory(
                    atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try Data(file.bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
            } catch {
                throw .writeFailed(path: path, reason: (error as NSError).localizedDescription)
            }
        }
        return files.map(\.path)
    }
}

/// Why `rxpipe init` wrote nothing or stopped.
public enum InitError: Error, Equatable, CustomStringConvertible {
    case wouldOverwrite(directory: String, paths: [String])
    case writeFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case .wouldOverwrite(let directory, let paths):
            let shown = paths.prefix(5).joined(separator: ", ") + (paths.count > 5 ? ", … (\(paths.count) in all)" : "")
            return "init: \(directory) already has \(shown); nothing was written. Use --force to overwrite them"
        case .writeFailed(let path, let reason):
            return "init: cannot write \(path): \(reason)"
        }
    }
}
