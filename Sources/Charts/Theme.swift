/// The house look: light grid, muted ink, readable type. One instance for every chart so the
/// site reads as one report.
public struct Theme: Sendable {
    public var background = RGBA(hex: 0xFFFFFF)
    public var title = RGBA(hex: 0x1B2631)
    public var text = RGBA(hex: 0x3A4552)
    public var muted = RGBA(hex: 0x6B7785)
    public var grid = RGBA(hex: 0xE4E8EC)
    public var axis = RGBA(hex: 0x9AA5B1)
    /// The one colour of a single-series chart.
    public var primary = RGBA(hex: 0x4A78A6)
    /// Draws the eye to one bar or state; orange stays distinct from blue under every CVD.
    public var highlight = RGBA(hex: 0xD9822B)
    /// Bars that are not highlighted when one is.
    public var deemphasised = RGBA(hex: 0xA9BCD0)
    /// "No data" is a pale grey with diagonal hatching, so it never reads as a data class.
    public var noData = RGBA(hex: 0xF3F3F3)
    public var noDataHatch = RGBA(hex: 0xB9BEC4)
    public var border = RGBA(hex: 0xFFFFFF)

    public var titleSize = 15.0
    public var subtitleSize = 11.5
    public var labelSize = 10.5
    public var valueSize = 10.0
    public var noteSize = 9.0
    /// Labels inside stacked segments and beside grouped bars.
    public var smallSize = 9.0

    public var margin = 16.0

    public init() {}

    public static let standard = Theme()

    /// The same theme for a phone-width variant: no text below `Legibility.minimumTextSize`,
    /// since the variant is shown at its own size.
    public var narrowed: Theme {
        var theme = self
        let floor = Legibility.minimumTextSize
        theme.noteSize = max(noteSize, floor)
        theme.smallSize = max(smallSize, floor)
        theme.valueSize = max(valueSize, floor)
        theme.labelSize = max(labelSize, floor)
        return theme
    }
}
