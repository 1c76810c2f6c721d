/// A chart: plain values in, a picture out. Implementations lay out and draw on a canvas in
/// points; the renderer draws each chart twice (SVG and 2× PNG) from the same values.
public protocol Chart: Sendable {
    /// Canvas size in points.
    var size: Size { get }
    /// Title and a one-sentence summary for screen readers and `alt` text.
    var alternative: TextAlternative { get }
    /// The plotted data, formatted, for an HTML table next to the picture.
    var table: DataTable { get }
    func draw(on canvas: CairoCanvas, theme: Theme)
}

/// Width and height in points.
public struct Size: Sendable, Equatable {
    public var width: Double
    public var height: Double
    public init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }
}

/// The text alternative of a chart: its title and one sentence saying what it shows.
public struct TextAlternative: Sendable, Equatable {
    public var title: String
    public var summary: String
    public init(title: String, summary: String) {
        self.title = TextSafety.clean(title)
        self.summary = TextSafety.clean(summary)
    }
    /// "Title. Summary" — for an `alt` attribute.
    public var text: String { title.isEmpty ? summary : "\(title). \(summary)" }
}

/// A chart's data as text, ready for an HTML table (cells are cleaned, not HTML-escaped: the
/// site escapes when it writes the page).
public struct DataTable: Sendable, Equatable {
    public var columns: [String]
    public var rows: [[String]]
    public init(columns: [String], rows: [[String]]) {
        self.columns = columns.map(TextSafety.clean)
        self.rows = rows.map { $0.map(TextSafety.clean) }
    }

    /// Rows from a label column and value columns each formatted as a whole
    /// (`HumanNumber.column`), so every column reads in one style.
    static func rows(labels: [String], columns: [[String]]) -> [[String]] {
        labels.indices.map { i in [labels[i]] + columns.map { $0[i] } }
    }
}

/// Title, optional subtitle (units, period) and optional source note drawn at the bottom.
public struct ChartCaption: Sendable, Equatable {
    public var title: String
    public var subtitle: String?
    public var source: String?
    public init(title: String, subtitle: String? = nil, source: String? = nil) {
        self.title = title
        self.subtitle = subtitle
        self.source = source
    }
}

/// A rectangle in points.
struct Rect: Equatable {
    var x, y, width, height: Double
    var maxX: Double { x + width }
    var maxY: Double { y + height }
    var midX: Double { x + width / 2 }
    var midY: Double { y + height / 2 }
}
