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
