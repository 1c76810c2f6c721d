import Foundation
import Testing

@testable import Charts

/// Compares each sample chart's PNG with `Golden/<name>.png` within a small pixel tolerance
/// (font rasterisation may move a few edge pixels between library versions).
///
/// Regenerate after an intended change, then look at the images:
/// `RXPIPE_UPDATE_GOLDENS=1 swift test --skip-build --filter GoldenImageTests`
@Suite struct GoldenImageTests {
    /// A channel difference above this (of 255) makes a pixel "different".
    static let channelTolerance: UInt32 = 24
    /// At most this fraction of pixels may differ.
    static let maximumDifferentFraction = 0.002

    @Test(arguments: ["bar", "bar-grouped", "bar-stacked", "donut", "treemap", "map", "map-diverging", "locator-ri", "locator-ak", "line", "sparkline", "histogram", "histogram-log", "heatmap"])
    func matchesGolden(_ name: String) throws {
        let geometry = try TestSupport.geometry()
        let job = try #require(Samples.all(geometry).first { $0.name == name })
        let rendered = try ChartRenderer().render(job)
        let url = TestSupport.goldenDirectory.appendingPathComponent("\(name).png")
        if TestSupport.updatingGoldens {
            try FileManager.default.createDirectory(at: TestSupport.goldenDirectory, withIntermediateDirectories: true)
            try Data(rendered.png).write(to: url)
            return
        }
        let golden = try CairoCanvas.decodePNG(Array(try Data(contentsOf: url)))
        let actual = try CairoCanvas.decodePNG(rendered.png)
        #expect(actual.width == golden.width && actual.height == golden.height, "size \(actual.width)×\(actual.height) vs golden \(golden.width)×\(golden.height)")
        guard actual.width == golden.width, actual.height == golden.height else { return }
        let different = zip(actual.pixels, golden.pixels).filter { Self.differs($0, $1) }.count
        let fraction = Double(different) / Double(max(1, actual.pixels.count))
        #expect(fraction <= Self.maximumDifferentFraction, "\(name): \(different) pixels differ (\(fraction * 100)%)")
    }

    static func differs(_ a: UInt32, _ b: UInt32) -> Bool {
        for shift in stride(from: 0, to: 32, by: 8) {
            let x = (a >> UInt32(shift)) & 0xFF
            let y = (b >> UInt32(shift)) & 0xFF
            if (x > y ? x - y : y - x) > channelTolerance { return true }
        }
        return false
    }

    @Test func toleranceCatchesARealChange() throws {
        let geometry = try TestSupport.geometry()
        var chart = Samples.bar()
        let original = try CairoCanvas.decodePNG(ChartRenderer().render(ChartJob(name: "a", chart: chart)).png)
        chart.highlighted = 0
        let changed = try CairoCanvas.decodePNG(ChartRenderer().render(ChartJob(name: "b", chart: chart)).png)
        let different = zip(original.pixels, changed.pixels).filter { Self.differs($0, $1) }.count
        #expect(Double(different) / Double(original.pixels.count) > Self.maximumDifferentFraction)
        _ = geometry
    }
}
