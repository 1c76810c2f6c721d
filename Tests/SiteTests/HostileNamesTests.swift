import Foundation
import RxCore
import Testing

@testable import Site

/// Data values are untrusted: names built to break out of Markdown, HTML, SVG, CSV and file
/// names must come out as literal text everywhere the site shows them.
@Suite struct HostileNamesTests {
    static let hostile = [
        "<script>alert(1)</script>", "](javascript:alert(2))", "Pipe | Drug", "*Star* _under_", "{{mustache}}",
        "\"><img src=x onerror=alert(3)>", "Ev\u{202E}il RTL", "Pill 💊 emoji", "=HYPERLINK(\"http://x\")",
        "[link](http://evil.example)", "../../etc/passwd",
    ]

    static func renderHostile() throws -> (dir: String, files: [String: [UInt8]]) {
        var fixture = CuratedFixture()
        fixture.generics = hostile + ["Atorvastatin"]
        fixture.specialties = Array(hostile.prefix(4))
        fixture.prescriberNames = Array(hostile.suffix(5))
        let dir = try temporaryDirectory("hostile")
        let lake = try fixture.write(to: dir + "/lake")
        let input = try SiteInput.load(lakeRoot: lake, title: "<b>Title</b>", geometryPath: repositoryRoot + "/assets/us-states-albers.json", policy: .init(suppressBelow: 11, pseudonymized: false))
        let renderer = SiteRenderer(templates: try PageTemplates(directory: repositoryRoot + "/templates"))
        return (dir, try renderer.files(for: input))
    }

    @Test func hostileNamesStayLiteralEverywhere() throws {
        let (dir, files) = try Self.renderHostile()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var sawEscapedScript = false
        for (path, bytes) in files {
            // File names are made by rxpipe only: lower-case ASCII, digits, '-', '.', '/'.
            #expect(path.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || "-./_".contains($0)) } && !path.contains(".."),
                    "unsafe file name \(path)")
            let text = String(decoding: bytes, as: UTF8.self)
            if path.hasSuffix(".html") || path.hasSuffix(".svg") {
                #expect(!text.contains("<script>alert"), "raw script in \(path)")
                #expect(!text.contains("<img src=x"), "raw img in \(path)")
                #expect(!text.lowercased().contains("href=\"javascript:"), "javascript link in \(path)")
                #expect(!text.contains("href=\"http://evil.example"), "data became a link in \(path)")
                #expect(!text.contains("\u{202E}"), "bidi override kept in \(path)")
                #expect(!text.contains("<b>Title</b>"), "title not escaped in \(path)")
                if text.contains("&lt;script&gt;alert(1)&lt;/script&gt;") { sawEscapedScript = true }
            }
            if path.hasSuffix(".html") {
                // Only rxpipe's own scripts: external files, no inline code outside report.html.
                let scripts = text.components(separatedBy: "<script").count - 1
                let external = text.components(separatedBy: "<script src=\"").count - 1
                #expect(scripts == external || path == "report.html", "inline script in \(path)")
            }
            if path.hasSuffix(".csv") {
                #expect(!text.contains("\n=HYPERLINK"), "formula not neutralised in \(path)")
            }
        }
        #expect(sawEscapedScript)
        // The names read back as literal text on the drugs page.
        let drugs = try visibleText(String(decoding: files["drugs.html"]!, as: UTF8.self))
        for name in ["<script>alert(1)</script>", "](javascript:alert(2))", "Pipe | Drug", "*Star* _under_", "{{mustache}}",
                     "\"><img src=x onerror=alert(3)>", "Pill 💊 emoji", "[link](http://evil.example)"] {
            #expect(drugs.contains(name), "drugs page does not show \(name) literally")
        }
        // …on their own pages (titles included), and back from the JSON downloads.
        for name in ["<script>alert(1)</script>", "](javascript:alert(2))", "{{mustache}}", "[link](http://evil.example)"] {
            let page = files.first { $0.key.hasPrefix("drugs/") && (try? visibleText(String(decoding: $0.value, as: UTF8.self)))?.contains(name + ", 2023") == true }
            #expect(page != nil, "no drug page shows \(name) literally")
        }
        #expect(files.keys.contains { $0.hasPrefix("specialties/") })
        let json = try JSONSerialization.jsonObject(with: Data(files["data/generic-summary.json"]!)) as? [String: Any]
        let names = Set(((json?["rows"] as? [[Any]]) ?? []).compactMap { $0[1] as? String })
        #expect(names.isSuperset(of: Self.hostile))
        let csv = String(decoding: files["data/generic-summary.csv"]!, as: UTF8.self)
        #expect(csv.contains("\"'=HYPERLINK(\"\"http://x\"\")\""))
    }

    @Test func markdownEscapingMakesEveryPunctuationLiteral() throws {
        for name in Self.hostile {
            let html = try Markdown.html("Name: " + MarkdownEscaping.escape(name))
            let text = try visibleText(html).replacingOccurrences(of: "\u{2060}", with: "")
            if name.contains("\u{202E}") {
                #expect(text.contains("Ev\u{FFFD}il RTL"))
            } else {
                #expect(text.contains("Name: " + name), "\(name) → \(text)")
            }
        }
    }
}

/// The text a reader sees: tags removed, entities decoded (the entities rxpipe and cmark emit).
func visibleText(_ html: String) throws -> String {
    var text = ""
    var inTag = false
    for ch in html {
        if ch == "<" { inTag = true } else if ch == ">" && inTag { inTag = false } else if !inTag { text.append(ch) }
    }
    return text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
        .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
        .replacingOccurrences(of: "&amp;", with: "&")
}
