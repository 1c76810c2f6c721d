/// Text of an SVG chart as real `<text>` elements.
///
/// cairo's SVG surface writes every glyph as an outline (`<symbol>` paths placed by `<use>`):
/// a browser shows it, but a PDF printed from the page has no text to search, select or read
/// aloud, and each glyph costs hundreds of bytes. The SVG canvas therefore records each text
/// run here instead of drawing it, and the runs are written as `<text>` elements at the end of
/// the document (above the shapes, where chart labels sit). The PNG keeps cairo's rendering.
struct SVGTextLayer {
    /// One run of text with the transformation in force when it was drawn.
    struct Run {
        var text: String
        /// Anchor point in user space, already moved to the start, middle or end of the run.
        var x, y: Double
        var anchor: TextAlign
        /// The current transformation (user → SVG user units): xx, yx, xy, yy, x0, y0.
        var matrix: (Double, Double, Double, Double, Double, Double)
        var fontSize: Double
        var bold: Bool
        var color: RGBA
        /// False for ink chosen against a data fill (a label inside a bar): it keeps its fixed
        /// colour in dark mode, as the fill does.
        var themed = true
        /// The whole label when `text` is an abbreviation of it, kept as a `<title>` (tooltip
        /// and accessible name).
        var fullText: String?
    }

    private(set) var runs: [Run] = []
    /// Theme colours written as CSS variables (nil: fixed colours, as before).
    var colorScheme: SVGColorScheme?

    /// The smallest font size of any run, in user units (nil without text).
    var smallestFontSize: Double? {
        runs.map { $0.fontSize * Self.scale(of: $0.matrix) }.min()
    }

    mutating func append(_ run: Run) { runs.append(run) }

    /// The runs as SVG, inside one group carrying the font family (the face the layout was
    /// measured with, then a generic fallback).
    var svg: String {
        guard !runs.isEmpty else { return "" }
        var out = "<g font-family=\"DejaVu Sans, Verdana, sans-serif\""
        if colorScheme != nil { out += " style=\"fill:\(Self.defaultFill)\"" }
        out += ">\n"
        for run in runs { out += element(run) + "\n" }
        return out + "</g>\n"
    }

    /// Inserts the runs before the closing `</svg>` of cairo's document.
    func inserted(into document: [UInt8]) -> [UInt8] {
        Self.inserting(svg, into: document)
    }

    /// `markup` inserted before the closing `</svg>` of `document`.
    static func inserting(_ markup: String, into document: [UInt8]) -> [UInt8] {
        guard !markup.isEmpty else { return document }
        let close = Array("</svg>".utf8)
        guard document.count >= close.count,
            let start = stride(from: document.count - close.count, through: 0, by: -1).first(where: {
                document[$0..<$0 + close.count].elementsEqual(close)
            })
        else { return document }
        return Array(document[..<start]) + Array(markup.utf8) + Array(document[start...])
    }

    private func element(_ run: Run) -> String {
        let (xx, yx, xy, yy, x0, y0) = run.matrix
        var attributes: String
        if xx == 1, yx == 0, xy == 0, yy == 1 {
            attributes = "x=\"\(Self.number(run.x + x0))\" y=\"\(Self.number(run.y + y0))\""
        } else {
            let matrix = [xx, yx, xy, yy, x0, y0].map(Self.number).joined(separator: " ")
            attributes = "transform=\"matrix(\(matrix))\" x=\"\(Self.number(run.x))\" y=\"\(Self.number(run.y))\""
        }
        attributes += " font-size=\"\(Self.number(run.fontSize))\""
        if run.bold { attributes += " font-weight=\"bold\"" }
        switch run.anchor {
        case .left: break
        case .center: attributes += " text-anchor=\"middle\""
        case .right: attributes += " text-anchor=\"end\""
        }
        if run.themed, let scheme = colorScheme, let variable = scheme.variable(for: run.color) {
            // The group's default is the text colour; others name their variable.
            if variable != Self.defaultFill { attributes += " style=\"fill:\(variable)\"" }
        } else {
            attributes += " fill=\"\(Self.hex(run.color))\""
        }
        if run.color.alpha < 1 { attributes += " fill-opacity=\"\(Self.number(run.color.alpha))\"" }
        let title = run.fullText.map { "<title>\(TextSafety.xmlEscaped($0))</title>" } ?? ""
        return "<text \(attributes)>\(title)\(TextSafety.xmlEscaped(run.text))</text>"
    }

    static let defaultFill = "var(--c-text)"

    /// How much a transformation enlarges text (the vertical scale of its matrix).
    static func scale(of matrix: (Double, Double, Double, Double, Double, Double)) -> Double {
        (matrix.2 * matrix.2 + matrix.3 * matrix.3).squareRoot()
    }

    /// Up to two decimals, no trailing zeros, locale-free: same run, same bytes.
    static func number(_ value: Double) -> String {
        let hundredths = (value * 100).rounded()
        if hundredths == 0 { return "0" }
        let negative = hundredths < 0
        let magnitude = Int64(abs(hundredths))
        var text = String(magnitude / 100)
        let fraction = magnitude % 100
        if fraction != 0 {
            text += fraction % 10 == 0 ? ".\(fraction / 10)" : (fraction < 10 ? ".0\(fraction)" : ".\(fraction)")
        }
        return negative ? "-" + text : text
    }

    static func hex(_ color: RGBA) -> String {
        func byte(_ component: Double) -> String {
            let value = Int((min(max(component, 0), 1) * 255).rounded())
            let digits = String(value, radix: 16)
            return digits.count < 2 ? "0" + digits : digits
        }
        return "#" + byte(color.red) + byte(color.green) + byte(color.blue)
    }
}
