/// When a chart gets a phone-width variant.
///
/// Charts are drawn 640 pt wide and scaled down to the page column. On a 390 px phone the
/// column is 350 px, so 9 pt text shows at 4.9 px. A chart whose smallest text would show
/// under `minimumTextSize` there gets a second SVG laid out `narrowWidth` wide (shown 1:1, so
/// its text keeps its size), which the page offers to small screens through `<picture>`.
/// Charts without text (sparklines) or already legible get none, to keep the site small and
/// the render fast.
public enum Legibility {
    /// The page column at a 390 px viewport (the `main` padding is 20 px a side).
    public static let phoneColumn = 350.0
    /// The smallest text, in CSS px, a reader should meet on a phone.
    public static let minimumTextSize = 10.0
    /// Width of the phone variant: fits the phone column without scaling.
    public static let narrowWidth = 340.0
    /// The page uses the phone variant up to this viewport width (CSS px): below it the page
    /// column (viewport − 40 px) is narrower than a 640 pt chart, which would be scaled down.
    public static let narrowMediaMaxWidth = 680

    /// Whether text of `smallestText` user units in a chart `width` wide shows under the minimum
    /// in the phone column.
    public static func needsNarrowVariant(width: Double, smallestText: Double?) -> Bool {
        guard let smallestText, width > 0 else { return false }
        let shown = smallestText * min(1, phoneColumn / width)
        return shown < minimumTextSize - 1e-9
    }
}

/// A chart that can lay itself out for a phone column.
public protocol NarrowableChart: Chart {
    /// The same data laid out `width` wide, with phone-friendly placement (labels above bars,
    /// legend under a donut, a shorter plot).
    func narrowed(toWidth width: Double) -> any Chart
}
