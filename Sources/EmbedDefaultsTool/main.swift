import Foundation

/// Writes the Swift source that embeds files in rxpipe (run by the EmbedDefaults plugin):
///
///     EmbedDefaultsTool OUTPUT.swift PACKAGE_ROOT RELATIVE_PATH...
///
/// Each file becomes a base64 multi-line string literal (76 characters a line): compact, and
/// swiftc reads a string literal in milliseconds where a large `[UInt8]` array literal makes
/// the type checker crawl.
let arguments = CommandLine.arguments
guard arguments.count >= 3 else {
    FileHandle.standardError.write(Data("usage: EmbedDefaultsTool OUTPUT.swift PACKAGE_ROOT RELATIVE_PATH...\n".utf8))
    exit(2)
}
let output = arguments[1]
let root = URL(fileURLWithPath: arguments[2])

var source = """
    // Generated at build time by the EmbedDefaults plugin from the package's templates/ and
    // assets; do not edit (edit those files instead).

    extension EmbeddedDefaults {
        /// Path relative to the package root → the file's bytes as base64.
        static let encoded: [(path: String, base64: String)] = [

    """
for path in arguments.dropFirst(3) {
    guard let data = FileManager.default.contents(atPath: root.appending(path: path).path) else {
        FileHandle.standardError.write(Data("EmbedDefaultsTool: cannot read \(path)\n".utf8))
        exit(1)
    }
    let quotedPath = path.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    source += "        (\"\(quotedPath)\", \"\"\"\n"
    let encoded = data.base64EncodedString(options: [.lineLength76Characters, .endLineWithLineFeed])
    for line in encoded.split(separator: "\n") { source += "            \(line)\n" }
    source += "            \"\"\"),\n"
}
source += "    ]\n}\n"

do {
    // Unchanged bytes are not rewritten, so the module is not recompiled for nothing.
    if FileManager.default.contents(atPath: output) != Data(source.utf8) {
        try Data(source.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
    }
} catch {
    FileHandle.standardError.write(Data("EmbedDefaultsTool: cannot write \(output): \(error)\n".utf8))
    exit(1)
}
