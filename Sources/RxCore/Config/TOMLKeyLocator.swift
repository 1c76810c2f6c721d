/// Finds the line on which a key is written in a TOML file.
///
/// TOMLKit reports positions only for syntax errors, so rxpipe scans the text itself to name the
/// line of an unknown or mistyped key. It understands `[section]` headers and `key = value`
/// lines (bare or quoted keys, dotted keys), which is all an rxpipe config uses.
struct TOMLKeyLocator {
    private var lines: [String: Int] = [:]

    init(text: String) {
        var section: [String] = []
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = rawLine.trimming([" ", "\t", "\r"])
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("[") {
                let inner = line.drop(while: { $0 == "[" }).prefix(while: { $0 != "]" })
                section = Self.keyParts(Substring(inner))
                record(section, line: lineNumber)
                continue
            }
            guard let equals = line.firstIndex(of: "=") else { continue }
            record(section + Self.keyParts(line[..<equals]), line: lineNumber)
        }
    }

    /// The line of `path` (e.g. `["source", "kind"]`), if it was written in the file.
    func line(of path: [String]) -> Int? { lines[path.joined(separator: ".")] }

    private mutating func record(_ path: [String], line: Int) {
        let key = path.joined(separator: ".")
        if lines[key] == nil { lines[key] = line }
    }

    private static func keyParts(_ text: Substring) -> [String] {
        text.split(separator: ".").map {
            $0.trimming([" ", "\t"]).trimming(["\"", "'"])
        }
    }
}

extension StringProtocol {
    func trimming(_ set: Set<Character>) -> String {
        var slice = Substring(self)
        while let first = slice.first, set.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, set.contains(last) { slice = slice.dropLast() }
        return String(slice)
    }
}
