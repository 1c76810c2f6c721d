import Foundation

/// One chart to render, with the name the site files it under (e.g. `state-CA-locator`).
public struct ChartJob: Sendable {
    public var name: String
    public var chart: any Chart
    public init(name: String, chart: any Chart) {
        self.name = name
        self.chart = chart
    }
}

/// A rendered chart: SVG for the page and print, PNG at 2× for sharing (empty when the renderer
/// was asked for none), its text alternative and data table, and a phone-width SVG when the
/// wide one would be illegible on a phone.
public struct RenderedChart: Sendable, Equatable {
    public let name: String
    public let svg: [UInt8]
    public let png: [UInt8]
    public let alternative: TextAlternative
    public let table: DataTable
    public let size: Size
    /// The phone variant (see `Legibility`); nil when the wide SVG is legible there.
    public let narrow: NarrowVariant?
}

/// A phone-width SVG of a chart and its size.
public struct NarrowVariant: Sendable, Equatable {
    public let svg: [UInt8]
    public let size: Size
}

/// Draws charts into SVG and PNG bytes, one at a time or many in parallel.
public struct ChartRenderer: Sendable {
    public var theme: Theme
    public var pngScale: Double
    /// Whether `render` also draws the PNG. A site links PNGs only when asked (`[site]
    /// chart_png`): nothing on a page loads them, and they were 12 MB of a 25 M-row site.
    public var includesPNG: Bool

    public init(theme: Theme = .standard, pngScale: Double = 2, includesPNG: Bool = true) {
        self.theme = theme
        self.pngScale = pngScale
        self.includesPNG = includesPNG
    }

    public func render(_ job: ChartJob) throws(ChartError) -> RenderedChart {
        let chart = job.chart
        let alternative = chart.alternative
        let (svg, smallest) = try drawSVG(chart, name: job.name, theme: theme)
        let png = includesPNG ? try draw(chart, name: job.name, format: .png) : []
        var narrow: NarrowVariant?
        if let narrowable = chart as? any NarrowableChart,
            Legibility.needsNarrowVariant(width: chart.size.width, smallestText: smallest)
        {
            let phone = narrowable.narrowed(toWidth: Legibility.narrowWidth)
            let (bytes, _) = try drawSVG(phone, name: job.name + "-narrow", theme: theme.narrowed)
            narrow = NarrowVariant(svg: SVGAccessibility.annotate(bytes, alternative: alternative), size: phone.size)
        }
        return RenderedChart(
            name: job.name, svg: SVGAccessibility.annotate(svg, alternative: alternative), png: png,
            alternative: alternative, table: chart.table, size: chart.size, narrow: narrow)
    }

    /// Renders a chart to one format only (e.g. PDF for print). The SVG of a `DarkModeReady`
    /// chart carries its light and dark colours (`SVGColorScheme`).
    public func draw(_ chart: any Chart, name: String, format: CanvasFormat) throws(ChartError) -> [UInt8] {
        if format == .svg { return try drawSVG(chart, name: name, theme: theme).svg }
        do {
            let canvas = try CairoCanvas(
                format: format, width: chart.size.width, height: chart.size.height, pngScale: pngScale)
            chart.draw(on: canvas, theme: theme)
            return try canvas.render()
        } catch {
            throw .drawing(chart: name, format: format, error)
        }
    }

    /// The themed SVG and the smallest text size in it.
    private func drawSVG(_ chart: any Chart, name: String, theme: Theme) throws(ChartError) -> (svg: [UInt8], smallest: Double?) {
        do {
            let canvas = try CairoCanvas(format: .svg, width: chart.size.width, height: chart.size.height)
            let scheme = chart is any DarkModeReady ? SVGColorScheme(theme: theme) : nil
            canvas.svgColorScheme = scheme
            chart.draw(on: canvas, theme: theme)
            let smallest = canvas.smallestTextSize
            let svg = try canvas.render()
            return (scheme?.apply(to: svg) ?? svg, smallest)
        } catch {
            throw .drawing(chart: name, format: .svg, error)
        }
    }

    /// Renders every job on `workers` threads (default: all active cores), keeping job order.
    /// A failing chart does not stop the others: each result is returned in place.
    public func renderAll(
        _ jobs: [ChartJob], workers: Int = ProcessInfo.processInfo.activeProcessorCount
    ) -> [Result<RenderedChart, ChartError>] {
        let results = ResultSlots(count: jobs.count)
        let next = Counter()
        let threads = max(1, min(workers, jobs.count))
        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            while let index = next.take(below: jobs.count) {
                let result: Result<RenderedChart, ChartError>
                do throws(ChartError) {
                    result = .success(try render(jobs[index]))
                } catch {
                    result = .failure(error)
                }
                results.store(result, at: index)
            }
        }
        return results.all()
    }

    /// As `renderAll(_:workers:)`, failing with the first error in job order.
    public func renderAllOrThrow(
        _ jobs: [ChartJob], workers: Int = ProcessInfo.processInfo.activeProcessorCount
    ) throws(ChartError) -> [RenderedChart] {
        var rendered: [RenderedChart] = []
        rendered.reserveCapacity(jobs.count)
        for result in renderAll(jobs, workers: workers) {
            switch result {
            case .success(let chart): rendered.append(chart)
            case .failure(let error): throw error
            }
        }
        return rendered
    }
}

/// Hands out job indices to worker threads.
/// Unchecked: the next index is taken under its NSLock.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func take(below limit: Int) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard value < limit else { return nil }
        value += 1
        return value - 1
    }
}

/// Results written by index from several threads (guarded by a lock).
/// Unchecked: the slots are written under its NSLock and read after the workers joined.
private final class ResultSlots: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Result<RenderedChart, ChartError>?]
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func store(_ result: Result<RenderedChart, ChartError>, at index: Int) {
        lock.lock()
        slots[index] = result
        lock.unlock()
    }
    func all() -> [Result<RenderedChart, ChartError>] {
        lock.lock()
        defer { lock.unlock() }
        return slots.map { $0! }
    }
}
