import RxCore

/// Where a line chart's value axis starts.
///
/// Amounts (dollars, claims, counts: `integer`, `compact`, `currency`) always start at zero, so
/// the height of a line reads as its size. Shares and ratios (`percent`, `decimal`) may zoom to
/// their own range when the caller asks, because a change of one point in a 75 % share matters
/// and would be a flat line on 0–100 %; a zoomed axis is then marked on the chart (a break on
/// the axis and the note "Axis starts at …, not 0").
public enum AxisBaseline: Sendable, Equatable {
    case zero, zoomed

    public static func choose(format: HumanNumber, zoomRequested: Bool) -> AxisBaseline {
        switch format.style {
        case .percent, .decimal: return zoomRequested ? .zoomed : .zero
        case .integer, .compact, .currency: return .zero
        }
    }
}
