import Digests
import EmbeddedDefaults
import Foundation
import Lake

/// The template files a render uses: the user's folder first, and for every template or asset
/// that folder lacks, the default compiled into rxpipe (`EmbeddedDefaults`), so a render never
/// fails for a missing default template and an installed binary needs no folder at all.
public struct TemplateSource: Sendable {
    /// Where one file came from.
    public enum Origin: Equatable, Sendable {
        case folder
        case embedded
    }

    public struct File: Sendable {
        public let bytes: [UInt8]
        public let origin: Origin
        /// As written in messages: the file's path, or `built-in templates/NAME`.
        public let displayPath: String
    }

    /// The user's folder; nil when only the embedded defaults are used.
    public let directory: String?
    /// Path relative to the template folder (`index.md`, `partials/x.md`, `static/site.css`) → file.
    public let files: [String: File]

    /// Reads every regular file under `directory` (hidden ones skipped) over `embedded`.
    public init(directory: String?, embedded: [String: [UInt8]] = EmbeddedDefaults.templates) throws(SiteError) {
        self.directory = directory
        var files: [String: File] = [:]
        for (name, bytes) in embedded {
            files[name] = File(bytes: bytes, origin: .embedded, displayPath: "built-in templates/" + name)
        }
        if let directory {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw .templatesFolderMissing(path: directory)
            }
            for name in try Self.walk(directory, prefix: "") {
                let path = directory + "/" + name
                guard let data = FileManager.default.contents(atPath: path) else {
                    throw .unreadable(path: path, reason: "cannot read the file")
                }
                files[name] = File(bytes: Array(data), origin: .folder, displayPath: path)
            }
        }
        self.files = files
    }

    /// The folder `[site] templates` names; when it is empty, `templates` in the working
    /// directory if that is a folder (a repository checkout), else none: embedded only.
    public static func directory(configured: String) -> String? {
        if !configured.isEmpty { return configured }
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: "templates", isDirectory: &isDirectory) && isDirectory.boolValue ? "templates" : nil
    }

    /// The file `name`, or `templateMissing` (only for a name that is no default either).
    func file(_ name: String) throws(SiteError) -> File {
        guard let file = files[name] else { throw .templateMissing(path: (directory ?? "built-in templates") + "/" + name) }
        return file
    }

    /// The names taken from each origin, sorted (for the debug log).
    public func names(from origin: Origin) -> [String] {
        files.filter { $0.value.origin == origin }.keys.sorted()
    }

    /// Hash of every file's name and bytes, whatever its origin: the same files give the same
    /// site, so they give the same render fingerprint.
    public var fingerprint: String {
        var input: [UInt8] = []
        for name in files.keys.sorted() {
            let bytes = files[name]!.bytes
            input += Array("\(name.utf8.count):\(name)\(bytes.count):".utf8) + bytes
        }
        return SHA256.hex(input)
    }
}

private extension TemplateSource {
    static func walk(_ directory: String, prefix: String) throws(SiteError) -> [String] {
        let fm = FileManager.default
        let names: [String]
        do {
            names = try fm.contentsOfDirectory(atPath: directory + "/" + prefix)
        } catch {
            throw .unreadable(path: directory + "/" + prefix, reason: error.localizedDescription)
        }
        var out: [String] = []
        for name in names.sorted() where !name.hasPrefix(".") {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: directory + "/" + prefix + name, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                out += try walk(directory, prefix: prefix + name + "/")
            } else {
                out.append(prefix + name)
            }
        }
        return out
    }
}
