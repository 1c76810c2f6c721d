import Testing

@testable import Site

@Suite struct MarkdownTests {
    @Test func rendersAGFMTable() throws {
        let html = try Markdown.html(
            """
            | Drug | Claims |
            |:-----|-------:|
            | Atorvastatin | 1,234 |
            """)
        #expect(html.contains("<table>"))
        #expect(html.contains("<th align=\"left\">Drug</th>"))
        #expect(html.contains("<td align=\"right\">1,234</td>"))
    }

    @Test func rendersStrikethroughAndAutolinks() throws {
        let html = try Markdown.html("~~old~~ see www.example.com")
        #expect(html.contains("<del>old</del>"))
        #expect(html.contains("<a href=\"http://www.example.com\">"))
    }

    /// cmark-gfm keeps the extensions' special characters in one global table it edits while
    /// parsing: parses on several threads at once lost strikethrough and autolinks at random.
    @Test func parsesOnManyThreadsAtOnceKeepTheirExtensions() async throws {
        let results = try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<400 {
                group.addTask {
                    let html = try Markdown.html("~~old~~ see www.example.com and | a |\n|---|\n| b |")
                    return html.contains("<del>old</del>") && html.contains("<a href=\"http://www.example.com\">")
                }
            }
            return try await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results.count == 400 && results.allSatisfy { $0 })
    }

    @Test func rawHTMLAndScriptLinksAreNeutralised() throws {
        let html = try Markdown.html(
            """
            <script>alert('x')</script>

            inline <img src=x onerror="alert(1)"> and [click](javascript:alert(1))
            """)
        #expect(!html.contains("<script"))
        #expect(!html.contains("onerror"))
        #expect(!html.contains("javascript:"))
        #expect(html.contains("<a href=\"\">click</a>"))
    }
}
