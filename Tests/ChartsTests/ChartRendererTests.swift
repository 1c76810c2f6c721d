import Foundation
import Testing

@testable import Charts

@Suite struct ChartRendererTests {
    /// A chart cairo refuses to draw (negative size), to test failure isolation.
    struct BrokenChart: Chart {
        var size: Size { Size(width: -5, height: 10) }
        var alternative: TextAlternative { TextAlternative(title: "Broken", summary: "Never drawn.") }
        var table: DataTable { DataTable(columns: [], rows: []) }
        func draw(on canvas: CairoCanvas, theme: Theme) {}
    }

    @Test func renderAllKeepsJobOrderAndIsolatesFailures() throws {
        let jobs = [
            ChartJob(name: "a", chart: Samples.sparkline()), ChartJob(name: "broken", chart: BrokenChart()),
            ChartJob(name: "c", chart: Samples.bar()),
        ]
        let results = ChartRenderer().renderAll(jobs, workers: 2)
        #expect(results.count == 3)
        #expect((try? results[0].get())?.name == "a")
        #expect((try? results[2].get())?.name == "c")
        guard case .failure(let error) = results[1] else {
            Issue.record("the broken chart rendered")
            return
        }
        #expect(error.description.hasPrefix("charts: broken (png): cairo create surface failed: "))
        #expect(throws: ChartError.self) { try ChartRenderer().renderAllOrThrow(jobs) }
    }

    @Test func pngIsTwiceThePointSize() throws {
        let rendered = try ChartRenderer().render(ChartJob(name: "s", chart: Samples.sparkline()))
        let image = try CairoCanvas.decodePNG(rendered.png)
        #expect(image.width == 240 && image.height == 64)
        #expect(rendered.size == Size(width: 120, height: 32))
    }

    /// The render figure for a whole site: a few hundred charts, one locator map per state
    /// page. Prints the time; the bound is loose because the machine is shared. The full set
    /// runs with `RXPIPE_CHART_BENCH=1` (see bench/charts_bench.sh, release build); plain test
    /// runs (debug build) render every fifth job to keep the parallel path exercised.
    @Test func rendersASiteWorthOfChartsInParallel() throws {
        let geometry = try TestSupport.geometry()
        let full = ProcessInfo.processInfo.environment["RXPIPE_CHART_BENCH"] == "1"
        let all = SiteWorkload.jobs(geometry)
        let jobs = full ? all : all.enumerated().filter { $0.offset % 5 == 0 }.map(\.element)
        let workers = ProcessInfo.processInfo.activeProcessorCount
        let cpuBefore = Self.processCPUSeconds()
        let start = ContinuousClock.now
        let results = try ChartRenderer().renderAllOrThrow(jobs, workers: workers)
        let elapsed = ContinuousClock.now - start
        let cpu = Self.processCPUSeconds() - cpuBefore
        #expect(results.count == jobs.count)
        let locators = jobs.filter { $0.chart is LocatorMap }.count
        let bytes = results.reduce(0) { $0 + $1.svg.count + $1.png.count }
        print("charts-bench: \(jobs.count) charts (\(locators) locator maps) in \(elapsed) on \(workers) workers, process CPU \(String(format: "%.2f", cpu)) s (other tests may add to it), \(bytes / 1_000_000) MB of SVG+PNG")
        #expect(elapsed < .seconds(120))
    }
}

extension ChartRendererTests {
    /// User + system CPU time of this process so far (load-independent cost of a render).
    static func processCPUSeconds() -> Double {
        var usage = rusage()
        #if os(Linux)
        getrusage(RUSAGE_SELF.rawValue, &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        let user = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
        let system = Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
        return user + system
    }
}

/// The chart set of a full site, built from the samples: per state page a locator map, a bar
/// chart and two sparklines; national pages with maps, bars, lines, histograms, shares, heatmaps.
enum SiteWorkload {
    static func jobs(_ geometry: USStateGeometry) -> [ChartJob] {
        var jobs: [ChartJob] = []
        let postals = geometry.states.map(\.postal) + ["GU", "VI", "AS"]
        for postal in postals.prefix(55) {
            jobs.append(ChartJob(name: "state-\(postal)-locator", chart: LocatorMap(geometry: geometry, highlight: postal)))
            var bar = Samples.bar()
            bar.highlighted = nil
            bar.caption.title = "Top drugs in \(postal)"
            jobs.append(ChartJob(name: "state-\(postal)-drugs", chart: bar))
            jobs.append(ChartJob(name: "state-\(postal)-claims", chart: Samples.sparkline()))
            jobs.append(ChartJob(name: "state-\(postal)-cost", chart: Sparkline(title: "Cost", values: [3, 4, 4.5, 5, 5.5, 6.1])))
        }
        for index in 0..<5 {
            jobs.append(ChartJob(name: "map-\(index)", chart: Samples.map(geometry)))
            jobs.append(ChartJob(name: "map-change-\(index)", chart: Samples.divergingMap(geometry)))
        }
        for index in 0..<10 {
            jobs.append(ChartJob(name: "bar-\(index)", chart: Samples.bar()))
            jobs.append(ChartJob(name: "grouped-\(index)", chart: Samples.grouped(.grouped)))
            jobs.append(ChartJob(name: "stacked-\(index)", chart: Samples.grouped(.stacked)))
            jobs.append(ChartJob(name: "line-\(index)", chart: Samples.line()))
            jobs.append(ChartJob(name: "line2-\(index)", chart: Samples.line()))
            jobs.append(ChartJob(name: "hist-\(index)", chart: Samples.histogram(.linear)))
            jobs.append(ChartJob(name: "hist-log-\(index)", chart: Samples.histogram(.logarithmic)))
        }
        for index in 0..<5 {
            jobs.append(ChartJob(name: "donut-\(index)", chart: Samples.donut()))
            jobs.append(ChartJob(name: "treemap-\(index)", chart: Samples.treemap()))
            jobs.append(ChartJob(name: "heatmap-\(index)", chart: Samples.heatmap()))
        }
        return jobs
    }
}
