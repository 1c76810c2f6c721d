/// State shapes written straight into a map's SVG, in place of cairo's drawing of them.
///
/// The shapes are the bulk of a map's bytes, so they are written compactly (`SVGPathData`),
/// filled by class colour, and "no data" is one `<pattern>` of hatching instead of hundreds of
/// drawn lines per state (37 MB of report on a two-state lake before). Colours that follow the
/// page's light or dark scheme use the chart variables with their light value as fallback.
enum StateShapesSVG {
    /// One path per state, filled with its class colour or the no-data hatching.
    static func choropleth(
        _ geometry: USStateGeometry, transform: MapTransform, fill: (USStateGeometry.State) -> RGBA?, theme: Theme
    ) -> String {
        var out = noDataPattern(theme)
        out += "<g stroke-width=\".6\" stroke-linejoin=\"round\" style=\"stroke:var(--c-border,\(SVGTextLayer.hex(theme.border)))\">\n"
        for state in geometry.states {
            let paint = fill(state).map { "fill=\"\(SVGTextLayer.hex($0))\"" } ?? "fill=\"url(#no-data)\""
            out += "<path \(paint) d=\"\(SVGPathData.outline(state.polygons, transform: transform))\"/>\n"
        }
        return out + "</g>\n"
    }

    /// A pale fill crossed by diagonal lines every 4 points: the legend's "No data" swatch.
    static func noDataPattern(_ theme: Theme) -> String {
        "<defs><pattern id=\"no-data\" patternUnits=\"userSpaceOnUse\" width=\"4\" height=\"4\" patternTransform=\"rotate(45)\">"
            + "<rect width=\"4\" height=\"4\" style=\"fill:var(--c-nodata,\(SVGTextLayer.hex(theme.noData)))\"/>"
            + "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"4\" stroke-width=\".7\" style=\"stroke:var(--c-hatch,\(SVGTextLayer.hex(theme.noDataHatch)))\"/>"
            + "</pattern></defs>\n"
    }

    /// Every state in a group whose id is its lower-case postal code; the state named by the
    /// image's fragment (`us-locator.svg#ca`) is highlighted by `:target`, and states too small
    /// to spot get a ring. One file serves every state page.
    static func locator(_ geometry: USStateGeometry, transform: MapTransform, theme: Theme) -> String {
        let highlight = SVGTextLayer.hex(theme.highlight)
        var out = "<style>"
            + ".st path{fill:var(--c-locator,#D5DAE0);stroke:var(--c-border,\(SVGTextLayer.hex(theme.border)));stroke-width:.4}"
            + ".st:target path{fill:var(--c-highlight,\(highlight));stroke:var(--c-highlight,\(highlight))}"
            + ".st .ring{display:none;fill:none;stroke:var(--c-highlight,\(highlight));stroke-width:1.5}"
            + ".st:target .ring{display:inline}"
            + "@media (prefers-color-scheme: dark){.st path{fill:var(--c-locator,#4A525C)}}"
            + "</style>\n"
        for state in geometry.states {
            out += "<g class=\"st\" id=\"\(locatorID(state.postal))\"><path d=\"\(SVGPathData.outline(state.polygons, transform: transform))\"/>"
            let extent = max(state.bounds.width, state.bounds.height) * transform.scale
            if extent < 20 {
                let center = transform(state.bounds.center)
                out += "<circle class=\"ring\" cx=\"\(SVGPathData.tenths(Int((center.x * 10).rounded())))\" cy=\"\(SVGPathData.tenths(Int((center.y * 10).rounded())))\" r=\"\(SVGPathData.tenths(Int((max(7, extent / 2 + 4) * 10).rounded())))\"/>"
            }
            out += "</g>\n"
        }
        return out
    }

    /// The fragment that highlights a state in the shared locator map: its postal code in lower
    /// case (letters only, so it is safe in an id and a URL).
    public static func locatorID(_ postal: String) -> String {
        String(postal.lowercased().unicodeScalars.filter { ("a"..."z").contains($0) }.map(Character.init))
    }
}

/// An off-shore label's leader line and swatch as SVG, for maps whose shapes are SVG markup.
enum MapCalloutSVG {
    static func markup(from anchor: Point, to edge: Point, swatch: Rect, fill: RGBA?, theme: Theme) -> String {
        func n(_ v: Double) -> String { SVGPathData.tenths(Int((v * 10).rounded())) }
        let axis = "var(--c-axis,\(SVGTextLayer.hex(theme.axis)))"
        let paint = fill.map { "fill=\"\(SVGTextLayer.hex($0))\"" } ?? "fill=\"url(#no-data)\""
        return "<line x1=\"\(n(anchor.x))\" y1=\"\(n(anchor.y))\" x2=\"\(n(edge.x))\" y2=\"\(n(edge.y))\" stroke-width=\".6\" style=\"stroke:\(axis)\"/>"
            + "<rect x=\"\(n(swatch.x))\" y=\"\(n(swatch.y))\" width=\"\(n(swatch.width))\" height=\"\(n(swatch.height))\" \(paint) stroke-width=\".5\" style=\"stroke:\(axis)\"/>\n"
    }
}
