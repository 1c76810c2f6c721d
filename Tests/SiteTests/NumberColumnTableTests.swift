import Curated
import Foundation
import Testing

@testable import Site

/// Tables write a numeric column at one precision, and the rendered fixture site keeps every
/// numeric column of its tables (outside the chart data tables) in one style.
@Suite struct NumberColumnTableTests {
    @Test func aTableFormatsEachColumnAtOnce() {
        let table = HTMLTable(
            caption: "t", columns: [.init("Name"), .init("Cost ($)", .money), .init("Change", .change), .init("Size", .bytes)],
            rows: [[.init("a"), .number(1e6), .number(0.22), .number(830)],
                   [.init("b"), .number(1.1e6), .number(-0.051), .number(3_420)],
                   [.init("c"), .number(nil as Double?), .number(nil as Double?), .number(12_100_000)]])
        let cells = Self.numericColumns(table.html).first!
        #expect(cells == [1: ["$1.0M", "$1.1M", "–"], 2: ["+22.0%", "−5.1%", "–"], 3: ["830 B", "3.4 KB", "12.1 MB"]])
        #expect(table.html.contains("data-sort=\"1100000\""))
    }

    @Test func formatWritesTinyValuesAndPoints() {
        #expect(Format.dollars(0.004) == "< $0.01")
        #expect(Format.dollars(1_234.5) == "$1,234.50")
        #expect(Format.points(0.012) == "+1.2 pp")
        #expect(Format.money(3e9) == "$3.0B")
        #expect(Format.bytes(830) == "830 B")
        #expect(Format.count(1, "row") == "1 row")
    }

    @Test func everyNumericColumnOfTheFixtureSiteHasOneStyle() throws {
        let dir = try temporaryDirectory("numbers")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var fixture = CuratedFixture()
        fixture.years = [2022, 2023]
        let lake = try fixture.write(to: dir + "/lake")
        let input = try SiteInput.load(lakeRoot: lake, title: "Test", geometryPath: repositoryRoot + "/assets/us-states-albers.json", policy: .init(suppressBelow: 11, pseudonymized: false))
        let files = try SiteRenderer(templates: try PageTemplates(directory: repositoryRoot + "/templates")).files(for: input)
        var problems: [String] = [], checked = 0
        for (path, bytes) in files where path.hasSuffix(".html") {
            let html = String(decoding: bytes, as: UTF8.self)
            #expect(!html.contains("$0.00 ") && !html.contains(" pts"), "\(path)")
            for (caption, columns) in zip(Self.captions(html), Self.numericColumns(html))
            where !caption.hasPrefix("Data: ") && !caption.hasPrefix("Statistics of ") {
                for (index, cells) in columns {
                    let shapes = Set(cells.filter { $0 != "–" }.map(Self.shape))
                    checked += cells.count
                    if shapes.count > 1 || shapes.contains("?") { problems.append("\(path) · \(caption) · column \(index): \(cells.prefix(6))") }
                }
            }
        }
        #expect(checked > 500)
        #expect(problems.isEmpty, "\(problems.prefix(10).joined(separator: "\n"))")
    }

    /// The affixes and decimals of a formatted number ("$M.1", "%.1", "bytes"), or "?".
    static func shape(_ text: String) -> String {
        let body = text.hasPrefix("< ") || text.hasPrefix("> ") ? String(text.dropFirst(2)) : text
        guard let match = body.wholeMatch(of: /[+−]?(\$?)(\d{1,3}(?:,\d{3})*|\d{1,4})(?:\.(\d+))?([KMBT]?)(%| pp| B| KB| MB| GB)?/) else { return "?" }
        let suffix = String(match.5 ?? "")
        if suffix.hasSuffix("B"), match.4.isEmpty { return "bytes" }
        return "\(match.1)\(match.4)\(suffix).\(match.3?.count ?? 0)"
    }

    static func captions(_ html: String) -> [String] {
        html.components(separatedBy: "<table").dropFirst().map { chunk in
            guard let start = chunk.range(of: "<caption>"), let end = chunk.range(of: "</caption>") else { return "" }
            return String(chunk[start.upperBound..<end.lowerBound])
        }
    }

    /// The texts of each table's right-aligned body cells, by column index.
    static func numericColumns(_ html: String) -> [[Int: [String]]] {
        html.components(separatedBy: "<table").dropFirst().map { table in
            var columns: [Int: [String]] = [:]
            let body = table.components(separatedBy: "<tbody>").dropFirst().first ?? ""
            for row in body.components(separatedBy: "<tr>").dropFirst() {
                for (index, cell) in row.matches(of: /<t[dh]([^>]*)>(.*?)<\/t[dh]>/).enumerated() where cell.1.contains("class=\"num\"") {
                    let text = String(cell.2).replacing(/<[^>]+>/, with: "")
                    columns[index, default: []].append(text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">"))
                }
            }
            return columns
        }
    }
}
