import Foundation
import PackagePlugin

/// Compiles the default templates into the target: every file under `templates/` (found by
/// walking the folder at each build, so a template added later is embedded without a list to
/// update) and the state map geometry `assets/us-states-albers.json` become one generated
/// Swift source (`EmbeddedDefaults+Generated.swift`), written by `EmbedDefaultsTool`.
///
/// A generated source rather than SwiftPM `resources`: on Linux `Bundle.module` needs a
/// resource bundle folder beside the executable, and an installed rxpipe is one file.
@main
struct EmbedDefaults: BuildToolPlugin {
    /// Folders embedded whole, and single files, relative to the package root.
    static let folders = ["templates"]
    static let files = ["assets/us-states-albers.json"]

    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let root = context.package.directoryURL
        var relative: [String] = Self.files
        for folder in Self.folders {
            relative += try Self.walk(root.appending(path: folder), prefix: folder + "/")
        }
        relative.sort()
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedDefaults+Generated.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(relative.count) default template and asset files",
                executable: try context.tool(named: "EmbedDefaultsTool").url,
                // The file list is in the arguments, so adding or removing a file reruns the command.
                arguments: [output.path, root.path] + relative,
                inputFiles: relative.map { root.appending(path: $0) },
                outputFiles: [output])
        ]
    }

    /// Regular files under `folder` (hidden ones skipped), as `prefix` + relative path.
    static func walk(_ folder: URL, prefix: String) throws -> [String] {
        let fm = FileManager.default
        var out: [String] = []
        for name in try fm.contentsOfDirectory(atPath: folder.path) where !name.hasPrefix(".") {
            let url = folder.appending(path: name)
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: url.path, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                out += try walk(url, prefix: prefix + name + "/")
            } else {
                out.append(prefix + name)
            }
        }
        return out
    }
}
