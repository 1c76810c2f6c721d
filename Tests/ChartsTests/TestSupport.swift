import Foundation
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif

@testable import Charts

/// Paths and helpers shared by the Charts test files.
enum TestSupport {
    /// `Tests/ChartsTests/` in the source tree (goldens live here, not in a resource bundle, so
    /// `RXPIPE_UPDATE_GOLDENS=1` can rewrite them in place).
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let goldenDirectory = testsDirectory.appendingPathComponent("Golden")
    static let repositoryRoot = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()
    static let geometryURL = repositoryRoot.appendingPathComponent("assets/us-states-albers.json")

    static func geometry() throws -> USStateGeometry {
        try USStateGeometry.load(from: geometryURL)
    }

    static var updatingGoldens: Bool {
        ProcessInfo.processInfo.environment["RXPIPE_UPDATE_GOLDENS"] == "1"
    }

    static func svgText(_ chart: RenderedChart) -> String {
        String(decoding: chart.svg, as: UTF8.self)
    }

    /// Parses an SVG with Foundation's XMLParser; returns the element names seen and the
    /// text of `<title>`/`<desc>`, or the parser's error.
    static func parseSVG(_ bytes: [UInt8]) -> SVGSummary {
        let delegate = SVGCollector()
        let parser = XMLParser(data: Data(bytes))
        parser.delegate = delegate
        let ok = parser.parse()
        return SVGSummary(
            valid: ok, error: parser.parserError.map { "\($0)" }, elements: delegate.elements, texts: delegate.texts,
            rootAttributes: delegate.rootAttributes)
    }
}

struct SVGSummary {
    var valid: Bool
    var error: String?
    var elements: [String: Int]
    var texts: [String: String]
    var rootAttributes: [String: String]
}

private final class SVGCollector: NSObject, XMLParserDelegate {
    var elements: [String: Int] = [:]
    var texts: [String: String] = [:]
    var rootAttributes: [String: String] = [:]
    private var current: String?
    /// Nesting depth: the document's own `<title>` and `<desc>` are children of the root (depth
    /// 2); a `<title>` inside a `<text>` (an abbreviated label's full text) is not.
    private var depth = 0

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        if elements.isEmpty { rootAttributes = attributes }
        elements[elementName, default: 0] += 1
        depth += 1
        current = depth == 2 ? elementName : nil
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if let current, current == "title" || current == "desc" { texts[current, default: ""] += string }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        current = nil
        depth -= 1
    }
}
