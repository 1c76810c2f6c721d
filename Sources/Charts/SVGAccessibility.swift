/// Adds `role="img"`, a `<title>` and a `<desc>` to cairo's SVG so screen readers and
/// browsers (tooltip) get the text alternative. The texts are cleaned and XML-escaped.
enum SVGAccessibility {
    static func annotate(_ svg: [UInt8], alternative: TextAlternative) -> [UInt8] {
        let document = String(decoding: svg, as: UTF8.self)
        guard let open = document.range(of: "<svg"),
            let close = document[open.upperBound...].firstIndex(of: ">")
        else { return svg }
        let attributes = " role=\"img\" aria-labelledby=\"chart-title chart-desc\""
        let elements =
            "\n<title id=\"chart-title\">\(TextSafety.xmlEscaped(alternative.title))</title>"
            + "\n<desc id=\"chart-desc\">\(TextSafety.xmlEscaped(alternative.summary))</desc>"
        var output = String(document[..<close])
        output += attributes + ">" + elements
        output += document[document.index(after: close)...]
        return Array(output.utf8)
    }
}
