/// Adds `role="img"`, a `<title>` and a `<desc>` to cairo's SVG so screen readers and
/// browsers (tooltip) get the text alternative. The texts are cleaned and XML-escaped.
enum SVGAccessibility {
    static func annotate(_ svg: [UInt8], alternative: TextAlternative) -> [UInt8] {
        let open = Array("<svg".utf8)
        guard let start = firstIndex(of: open, in: svg),
            let close = svg[(start + open.count)...].firstIndex(of: UInt8(ascii: ">"))
        else { return svg }
        let attributes = " role=\"img\" aria-labelledby=\"chart-title chart-desc\">"
        let elements =
            "\n<title id=\"chart-title\">\(TextSafety.xmlEscaped(alternative.title))</title>"
            + "\n<desc id=\"chart-desc\">\(TextSafety.xmlEscaped(alternative.summary))</desc>"
        var output: [UInt8] = []
        output.reserveCapacity(svg.count + 512)
        output += svg[..<close]
        output += Array((attributes + elements).utf8)
        output += svg[(close + 1)...]
        return output
    }

    private static func firstIndex(of pattern: [UInt8], in bytes: [UInt8]) -> Int? {
        guard bytes.count >= pattern.count else { return nil }
        for index in 0...(bytes.count - pattern.count) where bytes[index] == pattern[0] {
            if bytes[index..<index + pattern.count].elementsEqual(pattern) { return index }
        }
        return nil
    }
}
