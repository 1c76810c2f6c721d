import RxCore
import Testing

@testable import Site

@Suite struct MarkdownInlineTests {
    @Test func leavesDigitsDotsAndIntrawordUnderscoresAlone() {
        #expect(MarkdownEscaping.inline("1718.51") == "1718.51")
        #expect(MarkdownEscaping.inline("Insulin Glargine,Hum.Rec.Anlog (U-100)") == "Insulin Glargine,Hum.Rec.Anlog (U-100)")
        #expect(MarkdownEscaping.inline("cost_per_claim") == "cost_per_claim")
    }

    @Test func escapesWhatMarkdownWouldRead() {
        #expect(MarkdownEscaping.inline("A|B <i>*x* `c` [l](u) ~s~ $5") == "A\\|B \\<i\\>\\*x\\* \\`c\\` \\[l\\](u) \\~s\\~ \\$5")
        #expect(MarkdownEscaping.inline("_lead trail_ mid_word") == "\\_lead trail\\_ mid_word")
        #expect(MarkdownEscaping.inline("AT&T &amp; &#60;") == "AT&T \\&amp; \\&#60;")
        #expect(MarkdownEscaping.inline("# not a heading") == "\\# not a heading")
        #expect(MarkdownEscaping.inline("1. not a list") == "1\\. not a list")
        #expect(MarkdownEscaping.inline("two\nlines") == "two lines")
    }

    @Test func rendersBackToTheSameCharacters() throws {
        let hostile = "A|B <script>*x* _y_ \\ `z` [a](javascript:b) ~s~ $5 &amp; 1718.51"
        let html = try Markdown.html("| v |\n|---|\n| " + MarkdownEscaping.inline(hostile) + " |")
        #expect(html.contains("<td>A|B &lt;script&gt;*x* _y_ \\ `z` [a](javascript:b) ~s~ $5 &amp;amp; 1718.51</td>"))
    }
}
