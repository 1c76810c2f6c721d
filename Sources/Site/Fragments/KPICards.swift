/// The headline figures of the overview: one card per KPI with its change and sparkline.
public struct KPICard: Sendable {
    public var label: String
    public var value: String
    /// "+6.1% vs 2021", or nil for the first year.
    public var change: String?
    /// Whether the change is an increase (for the arrow), nil when unknown or zero.
    public var rising: Bool?
    /// Relative path of a sparkline SVG.
    public var sparkline: String?
    public var sparklineAlt: String
    /// The methodology anchor defining this figure.
    public var definition: String

    public init(label: String, value: String, change: String?, rising: Bool?, sparkline: String?, sparklineAlt: String, definition: String) {
        self.label = label
        self.value = value
        self.change = change
        self.rising = rising
        self.sparkline = sparkline
        self.sparklineAlt = sparklineAlt
        self.definition = definition
    }
}

public enum KPICards {
    public static func html(_ cards: [KPICard], root: String) -> String {
        var out = "<ul class=\"kpis\">\n"
        for card in cards {
            out += "<li class=\"kpi\"><span class=\"kpi-label\"><a href=\"\(root)methodology.html#\(card.definition)\">"
            out += HTMLEscaping.escape(card.label) + "</a></span>"
            out += "<span class=\"kpi-value\">\(HTMLEscaping.escape(card.value))</span>"
            if let change = card.change {
                let cls = card.rising.map { $0 ? "up" : "down" } ?? "flat"
                let arrow = card.rising.map { $0 ? "▲ " : "▼ " } ?? ""
                out += "<span class=\"kpi-change \(cls)\">\(arrow)\(HTMLEscaping.escape(change))</span>"
            }
            if let spark = card.sparkline {
                out += "<img class=\"spark\" src=\"\(root)\(HTMLEscaping.escape(spark))\" alt=\"\(HTMLEscaping.escape(card.sparklineAlt))\" width=\"120\" height=\"32\">"
            }
            out += "</li>\n"
        }
        return out + "</ul>"
    }
}
