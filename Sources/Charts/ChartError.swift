/// Everything that can go wrong in the Charts module, with the chart or file it concerns.
public enum ChartError: Error, Equatable, CustomStringConvertible {
    /// cairo refused to draw or encode a chart.
    case drawing(chart: String, format: CanvasFormat, CairoError)
    /// The state geometry file could not be read or decoded.
    case geometry(path: String, reason: String)

    public var description: String {
        switch self {
        case .drawing(let chart, let format, let error):
            "charts: \(chart) (\(format.rawValue)): \(error.description)"
        case .geometry(let path, let reason):
            "charts: cannot load state geometry \(path): \(reason) (expected the us-states-albers.json shipped in assets/)"
        }
    }
}
