import Curated
import Digests
import Foundation
import Lake

/// The stylesheet and script (`static/` of the template source), written under content-hashed
/// names (`assets/site.3f2a9c1d.css`) so hosts may cache them forever.
public struct StaticAssets: Sendable {
    public let stylesheet: String
    public let script: String
    public let files: [String: [UInt8]]
    /// Raw text, for inlining into `report.html`.
    public let stylesheetText: String
    public let scriptText: String

    public init(source: TemplateSource) throws(SiteError) {
        func read(_ name: String) throws(SiteError) -> [UInt8] { try source.file("static/" + name).bytes }
        let css = try read("site.css")
        let js = try read("site.js")
        stylesheet = "site.\(SHA256.hex(css).prefix(10)).css"
        script = "site.\(SHA256.hex(js).prefix(10)).js"
        files = ["assets/" + stylesheet: css, "assets/" + script: js]
        stylesheetText = String(decoding: css, as: UTF8.self)
        scriptText = String(decoding: js, as: UTF8.self)
    }
}

/// The running header of printed pages. It lives in its own file (`assets/run.css`) so that
/// the run id never enters page content: two renders of the same data differ in this file only.
enum PrintHeader {
    /// Title at the top left, data years and run at the top right of every printed page.
    static func css(title: String, years: [Int], runLabel: String?) -> String {
        let yearText = years.isEmpty ? "" : "Data years " + years.map(String.init).joined(separator: ", ")
        let text = [yearText, runLabel.map { "run " + $0 } ?? ""].filter { !$0.isEmpty }.joined(separator: " · ")
        return "@page { @top-left { content: \"\(cssString(title))\"; font: 8pt sans-serif; color: #555; }"
            + " @top-right { content: \"\(cssString(text))\"; font: 8pt sans-serif; color: #555; } }\n"
    }

    /// A CSS string body: quotes, backslashes and line breaks escaped.
    static func cssString(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"", "\\": out += "\\\(scalar)"
            case "\n", "\r", "<", ">": out += "\\" + String(scalar.value, radix: 16) + " "
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

enum ContentSecurityPolicy {
    /// Only the site's own files: no inline code, no external requests.
    static let standard = "default-src 'none'; img-src 'self' data:; style-src 'self'; script-src 'self'; base-uri 'none'; form-action 'none'"
}

/// The search box's index, sharded by the first letter of each word of an entry's title
/// (`assets/search/a.js` … `z.js`, `0.js` … `9.js`) and loaded as a script when the reader
/// first types a query starting with that letter, so no page pays for the index and it can
/// hold every drug (generic and brand), state, specialty and named prescriber.
///
/// A query matches an entry when each of its words starts a word of the title ("glar" finds
/// "Insulin Glargine"). Words are the runs of a–z and 0–9 after lower-casing and dropping
/// accents (NFD without combining marks) — site.js folds queries the same way.
enum SearchIndex {
    /// Shard path → script.
    static func shards(_ entries: [SearchEntry]) -> [String: String] {
        var byKey: [Character: [SearchEntry]] = [:]
        for e in Set(entries) {
            for key in Set(words(e.title).compactMap(\.first)) { byKey[key, default: []].append(e) }
        }
        var out: [String: String] = [:]
        for (key, list) in byKey {
            var script = "window.RXPIPE_SEARCH_SHARD(\"\(key)\", [\n"
            for e in list.sorted(by: { ($0.title.lowercased(), $0.kind, $0.url) < ($1.title.lowercased(), $1.kind, $1.url) }) {
                script += "[\(JSString.quote(e.title)),\(JSString.quote(e.kind)),\(JSString.quote(e.url))],\n"
            }
            out["assets/search/\(key).js"] = script + "]);\n"
        }
        return out
    }

    /// The title's words as the search matches them (see the type's comment).
    static func words(_ title: String) -> [Substring] {
        if title.utf8.allSatisfy({ $0 < 0x80 }) {
            return title.lowercased().split { !(("a"..."z").contains($0) || ("0"..."9").contains($0)) }
        }
        let folded = String(String.UnicodeScalarView(title.decomposedStringWithCanonicalMapping.unicodeScalars.filter {
            !(0x300...0x36F).contains($0.value)
        })).lowercased()
        return folded.split { !(("a"..."z").contains($0) || ("0"..."9").contains($0)) }
    }
}

/// JavaScript string literals that are safe anywhere (no `</script>`, no line terminators).
enum JSString {
    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "<", ">", "&", "'": out += String(format: "\\u%04x", scalar.value)
            default:
                if scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029 || scalar.value == 0x7F {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

/// `.rxpipe-gates.json`: whether this site was built from data whose quality gates passed
/// (`rxpipe publish` refuses a failed one unless told otherwise), which data version and run
/// it shows, and the disclosure policy it was rendered under. See docs/tables.md.
enum GateFile {
    static func json(_ input: SiteInput, runLabel: String?) -> String {
        let gates = input.gates ?? GateSummary(gates: [])
        let items = gates.gates.map { "{\"name\": \(JSString.quote($0.name)), \"passed\": \($0.passed), \"detail\": \(JSString.quote($0.detail))}" }
        let failed = gates.gates.filter { !$0.passed }.map { JSString.quote("\($0.name): \($0.detail)") }
        var fields = [
            "\"failed\": [\(failed.joined(separator: ", "))]", "\"gates\": [\(items.joined(separator: ", "))]",
            "\"passed\": \(gates.passed)", "\"pseudonymized\": \(input.policy.pseudonymized)",
            "\"suppress_below\": \(input.policy.suppressBelow)",
        ]
        if let version = input.dataVersion { fields.insert("\"data_version\": \(JSString.quote(version))", at: 0) }
        if let runLabel { fields.append("\"run_id\": \(JSString.quote(runLabel))") }
        return "{" + fields.joined(separator: ", ") + "}\n"
    }
}

enum GateBanner {
    static func html(_ gates: GateSummary, root: String) -> String {
        guard !gates.passed else { return "" }
        let failed = gates.gates.filter { !$0.passed }
        var out = "<div class=\"banner\" role=\"alert\"><strong>Quality gate failed.</strong> "
        out += failed.map { HTMLEscaping.escape("\($0.name): \($0.detail)") }.joined(separator: "; ")
        out += " — see <a href=\"\(root)quality.html\">Data quality</a>.</div>"
        return out
    }
}
