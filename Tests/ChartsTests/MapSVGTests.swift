import Foundation
import Testing

@testable import Charts

/// The maps' own SVG markup: compact outlines that decode back to the geometry, one shared
/// locator highlighted by fragment, and "no data" as a pattern rather than drawn lines.
@Suite struct MapSVGTests {
    /// Absolute vertices (in tenths) of path data written by `SVGPathData`.
    static func decode(_ d: String) -> [[(Int, Int)]] {
        var rings: [[(Int, Int)]] = []
        var tokens: [Character] = []
        var numbers: [Double] = []
        func flush() {
            if !tokens.isEmpty { numbers.append(Double(String(tokens))!); tokens = [] }
        }
        var commands: [(Character, [Double])] = []
        for c in d {
            if "MlzZ".contains(c) {
                flush()
                if let last = commands.popLast() { commands.append((last.0, numbers)) }
                numbers = []
                commands.append((c, []))
            } else if c == "-" {
                flush()
                tokens = ["-"]
            } else if c == " " {
                flush()
            } else {
                tokens.append(c)
            }
        }
        flush()
        if let last = commands.popLast() { commands.append((last.0, numbers)) }
        var x = 0, y = 0
        for (command, values) in commands {
            switch command {
            case "M":
                x = Int((values[0] * 10).rounded()); y = Int((values[1] * 10).rounded())
                rings.append([(x, y)])
            case "l":
                for i in stride(from: 0, to: values.count, by: 2) {
                    x += Int((values[i] * 10).rounded()); y += Int((values[i + 1] * 10).rounded())
                    rings[rings.count - 1].append((x, y))
                }
            default: break
            }
        }
        return rings
    }

    @Test func tenthsAreTheShortestDecimal() {
        #expect(SVGPathData.tenths(12) == "1.2")
        #expect(SVGPathData.tenths(10) == "1")
        #expect(SVGPathData.tenths(5) == ".5")
        #expect(SVGPathData.tenths(-5) == "-.5")
        #expect(SVGPathData.tenths(0) == "0")
        #expect(SVGPathData.tenths(-1234) == "-123.4")
    }

    @Test func outlinesDecodeToTheRoundedGeometryWithoutDrift() throws {
        let geometry = try TestSupport.geometry()
        let transform = MapTransform(scale: 0.7, origin: Point(x: 16, y: 60))
        for state in geometry.states {
            let rings = Self.decode(SVGPathData.outline(state.polygons, transform: transform))
            let expected = state.polygons.flatMap { $0 }.map { ring in
                ring.map { p -> (Int, Int) in
                    let t = transform(p)
                    return (Int((t.x * 10).rounded()), Int((t.y * 10).rounded()))
                }
            }
            #expect(rings.count <= expected.count, "\(state.postal)")
            // Every decoded vertex is one of the ring's rounded vertices, in order; the last
            // decoded vertex of each ring equals the last distinct rounded one (no drift).
            for (decoded, wanted) in zip(rings, expected.filter { Set($0.map { "\($0.0),\($0.1)" }).count >= 3 }) {
                var w = wanted.makeIterator()
                for v in decoded {
                    var found = false
                    while let next = w.next() { if next == v { found = true; break } }
                    #expect(found, "\(state.postal): vertex \(v) out of order or drifted")
                }
            }
        }
    }

    @Test func aMapIsAQuarterOfCairosSize() throws {
        let geometry = try TestSupport.geometry()
        let values = Dictionary(uniqueKeysWithValues: geometry.states.map { ($0.postal, Double($0.fips)!) })
        let map = ChoroplethMap(caption: ChartCaption(title: "FIPS"), geometry: geometry, values: values)
        let svg = try ChartRenderer(includesPNG: false).render(ChartJob(name: "m", chart: map)).svg
        #expect(svg.count < 90_000, "\(svg.count) bytes")
        let summary = TestSupport.parseSVG(svg)
        #expect(summary.valid, "\(summary.error ?? "")")
        #expect((summary.elements["path"] ?? 0) >= 52)
    }

    @Test func noDataIsOnePatternNotDrawnLines() throws {
        let geometry = try TestSupport.geometry()
        let map = ChoroplethMap(caption: ChartCaption(title: "Two states"), geometry: geometry, values: ["CA": 1, "TX": 2])
        let text = String(decoding: try ChartRenderer(includesPNG: false).render(ChartJob(name: "m", chart: map)).svg, as: UTF8.self)
        #expect(text.components(separatedBy: "<pattern id=\"no-data\"").count == 2)
        #expect(text.components(separatedBy: "fill=\"url(#no-data)\"").count - 1 >= 50)
        #expect(text.utf8.count < 90_000, "\(text.utf8.count) bytes: no-data states must not be hatched line by line")
    }

    @Test func theSharedLocatorHighlightsTheStateItsFragmentNames() throws {
        let geometry = try TestSupport.geometry()
        let rendered = try ChartRenderer(includesPNG: false).render(ChartJob(name: "us-locator", chart: LocatorMap(geometry: geometry)))
        let text = String(decoding: rendered.svg, as: UTF8.self)
        #expect(rendered.png.isEmpty)
        for state in geometry.states {
            #expect(text.contains("id=\"\(LocatorMap.fragment(for: state.postal))\""), "\(state.postal)")
        }
        #expect(text.contains(".st:target path{"))
        #expect(text.contains("@media (prefers-color-scheme: dark)"))
        // Small states carry a ring shown only when targeted.
        #expect(text.contains("<g class=\"st\" id=\"dc\"><path") && text.contains("class=\"ring\""))
        #expect(LocatorMap.fragment(for: "C\"A") == "ca")
        #expect(rendered.svg.count < 80_000)
    }
}
