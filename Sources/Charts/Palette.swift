/// Colour scales. Sequential and diverging ramps are interpolated in CIELAB between a few
/// anchors, with lightness changing monotonically (sequential) or symmetrically (diverging),
/// so neighbouring classes stay apart under every colour-vision deficiency (tested by
/// `PaletteTests` with the Machado 2009 simulation).
public enum Palette {
    /// Light yellow-green to deep blue: the map's default for counts, costs and rates.
    public static func sequential(_ count: Int) -> [RGBA] {
        ramp(
            anchors: [
                LabColor(l: 93, a: -7, b: 20), LabColor(l: 78, a: -22, b: 14), LabColor(l: 58, a: -18, b: -14),
                LabColor(l: 40, a: -2, b: -34), LabColor(l: 24, a: 8, b: -36),
            ], count: count)
    }

    /// Brown through near-white to teal, for changes around zero. Odd counts have a neutral
    /// middle class.
    public static func diverging(_ count: Int) -> [RGBA] {
        ramp(anchors: divergingAnchors, count: count)
    }

    static let divergingAnchors = [
        LabColor(l: 34, a: 22, b: 40), LabColor(l: 63, a: 14, b: 38), LabColor(l: 93, a: 1, b: 4),
        LabColor(l: 63, a: -30, b: -6), LabColor(l: 34, a: -26, b: -10),
    ]

    /// Okabe & Ito's colour-blind-safe qualitative set (2008) with the blue softened; the first
    /// two (blue, orange) work as a pair, e.g. generic vs brand.
    public static let categorical: [RGBA] = [
        RGBA(hex: 0x3D7DB3), RGBA(hex: 0xE69F00), RGBA(hex: 0x009E73), RGBA(hex: 0xCC79A7),
        RGBA(hex: 0x56B4E9), RGBA(hex: 0xD55E00), RGBA(hex: 0xF0E442), RGBA(hex: 0x7A7A7A),
    ]

    /// The neutral fill for an "Other" slice.
    public static let other = RGBA(hex: 0xB8BEC6)

    /// `categorical` cycled to `count` colours.
    public static func categorical(_ count: Int) -> [RGBA] {
        (0..<max(0, count)).map { categorical[$0 % categorical.count] }
    }

    /// Samples a piecewise-linear Lab path through `anchors` at `count` evenly spaced points.
    static func ramp(anchors: [LabColor], count: Int) -> [RGBA] {
        guard count > 0 else { return [] }
        if count == 1 { return [ColorSpace.rgb(anchors[anchors.count / 2])] }
        return (0..<count).map { index in
            let t = Double(index) / Double(count - 1)
            return ColorSpace.rgb(sample(anchors, at: t))
        }
    }

    /// A continuous scale: the colour at `t` in 0…1 along the anchors.
    static func sample(_ anchors: [LabColor], at t: Double) -> LabColor {
        let clamped = min(1, max(0, t.isFinite ? t : 0))
        let position = clamped * Double(anchors.count - 1)
        let index = min(anchors.count - 2, Int(position))
        let local = position - Double(index)
        let from = anchors[index]
        let to = anchors[index + 1]
        return LabColor(
            l: from.l + (to.l - from.l) * local, a: from.a + (to.a - from.a) * local,
            b: from.b + (to.b - from.b) * local)
    }

    /// Continuous diverging colour for `value` in −1…1 (heatmaps).
    static func divergingColor(_ value: Double) -> RGBA {
        ColorSpace.rgb(sample(divergingAnchors, at: (value + 1) / 2))
    }
}
