import Foundation
import Curated
import RxCore

/// The run comparison as a small document (headings, paragraphs, bullets, tables) whose lines
/// mix rxpipe's own words with values from the data. One document renders as terminal text or
/// as GitHub Markdown; only Markdown escapes, and only the data (`MarkdownEscaping.inline`).
struct DiffDocument {
    enum Block: Equatable {
        case heading(String)
        case paragraph(Line)
        case bullets([Line])
        case table(header: [String], rows: [[Line]])
    }

    /// A line of text: rxpipe's words, values from data, and identifiers (gate and rule names).
    struct Line: Equatable, ExpressibleByStringInterpolation {
        enum Span: Equatable {
            case ours(String), data(String), code(String)
        }
        var spans: [Span] = []

        init(stringLiteral value: String) { spans = [.ours(value)] }
        init(stringInterpolation: Interpolation) { spans = stringInterpolation.spans }
        init(spans: [Span]) { self.spans = spans }

        static func + (l: Line, r: Line) -> Line { Line(spans: l.spans + r.spans) }
        static func + (l: Line, r: String) -> Line { l + Line(stringLiteral: r) }

        struct Interpolation: StringInterpolationProtocol {
            var spans: [Span] = []
            init(literalCapacity: Int, interpolationCount: Int) {}
            mutating func appendLiteral(_ s: String) { if !s.isEmpty { spans.append(.ours(s)) } }
            mutating func appendInterpolation(_ s: String) { spans.append(.ours(s)) }
            mutating func appendInterpolation(data s: String) { spans.append(.data(s)) }
            mutating func appendInterpolation(code s: String) { spans.append(.code(s)) }
            mutating func appendInterpolation(_ l: Line) { spans += l.spans }
        }

        func render(markdown: Bool) -> String {
            spans.map { span in
                switch span {
                case .ours(let s): return markdown ? s.replacingOccurrences(of: "$", with: "\\$") : s
                case .data(let s): return markdown ? MarkdownEscaping.inline(s) : s
                case .code(let s): return markdown && !s.contains("`") ? "`\(s)`" : (markdown ? MarkdownEscaping.inline(s) : s)
                }
            }.joined()
        }
    }

    var blocks: [Block] = []

    mutating func add(_ block: Block) { blocks.append(block) }

    func render(markdown: Bool) -> String {
        blocks.map { markdown ? Self.markdown($0) : Self.text($0) }.joined(separator: "\n\n") + "\n"
    }

    static func markdown(_ block: Block) -> String {
        switch block {
        case .heading(let s): return "## " + s
        case .paragraph(let l): return l.render(markdown: true)
        case .bullets(let lines): return lines.map { "- " + $0.render(markdown: true) }.joined(separator: "\n")
        case .table(let header, let rows):
            let head = "| " + header.joined(separator: " | ") + " |"
            let rule = "|" + header.map { _ in "---|" }.joined()
            let body = rows.map { "| " + $0.map { $0.render(markdown: true) }.joined(separator: " | ") + " |" }
            return ([head, rule] + body).joined(separator: "\n")
        }
    }

    static func text(_ block: Block) -> String {
        switch block {
        case .heading(let s): return s + "\n" + String(repeating: "-", count: s.count)
        case .paragraph(let l): return l.render(markdown: false)
        case .bullets(let lines): return lines.map { "  - " + $0.render(markdown: false) }.joined(separator: "\n")
        case .table(let header, let rows):
            let cells = [header] + rows.map { $0.map { $0.render(markdown: false) } }
            let widths = header.indices.map { c in cells.map { $0[c].count }.max() ?? 0 }
            func line(_ row: [String]) -> String {
                let padded = row.enumerated().map { c, s in c == row.count - 1 ? s : s + String(repeating: " ", count: widths[c] - s.count) }
                return "  " + padded.joined(separator: "  ")
            }
            let rule = widths.map { String(repeating: "-", count: $0) }
            return ([line(header), line(rule)] + cells.dropFirst().map(line)).map { $0.trailingWhitespaceTrimmed }.joined(separator: "\n")
        }
    }
}

private extension String {
    var trailingWhitespaceTrimmed: String {
        var s = Substring(self)
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
