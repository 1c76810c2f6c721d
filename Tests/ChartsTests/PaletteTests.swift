import Testing

@testable import Charts

/// Adjacent classes must stay distinguishable under simulated protanopia, deuteranopia and
/// tritanopia (Machado et al. 2009, severity 1). ΔE*ab (CIE76) of 8 is well above the ~2.3
/// just-noticeable difference, a margin for small map areas.
@Suite struct PaletteTests {
    static let threshold = 8.0

    @Test(arguments: ColorVisionDeficiency.allCases, [3, 4, 5, 6, 7])
    func sequentialClassesStayApart(_ deficiency: ColorVisionDeficiency, _ count: Int) {
        let palette = Palette.sequential(count)
        #expect(palette.count == count)
        let distance = deficiency.minimumAdjacentDistance(palette)
        print("palette-check: \(deficiency) sequential(\(count)) minimum adjacent ΔE \(String(format: "%.1f", distance))")
        #expect(distance >= Self.threshold, "\(deficiency) sequential(\(count)): ΔE \(distance)")
    }

    @Test(arguments: ColorVisionDeficiency.allCases, [3, 5, 7])
    func divergingClassesStayApart(_ deficiency: ColorVisionDeficiency, _ count: Int) {
        let distance = deficiency.minimumAdjacentDistance(Palette.diverging(count))
        print("palette-check: \(deficiency) diverging(\(count)) minimum adjacent ΔE \(String(format: "%.1f", distance))")
        #expect(distance >= Self.threshold, "\(deficiency) diverging(\(count)): ΔE \(distance)")
    }

    @Test(arguments: ColorVisionDeficiency.allCases)
    func noDataIsDistinctFromEveryClass(_ deficiency: ColorVisionDeficiency) {
        // The hatch makes "no data" unmistakable; its base fill must also differ from the classes.
        let noData = ColorSpace.lab(deficiency.simulate(Theme.standard.noData))
        for color in Palette.sequential(5) + Palette.diverging(5) {
            #expect(ColorSpace.lab(deficiency.simulate(color)).distance(to: noData) >= 4)
        }
    }

    @Test(arguments: ColorVisionDeficiency.allCases)
    func highlightStandsOutFromBars(_ deficiency: ColorVisionDeficiency) {
        let theme = Theme.standard
        let highlight = ColorSpace.lab(deficiency.simulate(theme.highlight))
        #expect(highlight.distance(to: ColorSpace.lab(deficiency.simulate(theme.deemphasised))) >= Self.threshold)
        #expect(highlight.distance(to: ColorSpace.lab(deficiency.simulate(RGBA(hex: 0xD5DAE0)))) >= Self.threshold)
    }

    @Test func sequentialLightnessFallsMonotonically() {
        let lightness = Palette.sequential(7).map { ColorSpace.lab($0).l }
        #expect(zip(lightness, lightness.dropFirst()).allSatisfy { $0 > $1 })
    }

    @Test func divergingIsSymmetricInLightness() {
        let lightness = Palette.diverging(5).map { ColorSpace.lab($0).l }
        #expect(abs(lightness[0] - lightness[4]) < 2)
        #expect(abs(lightness[1] - lightness[3]) < 2)
        #expect(lightness[2] > lightness[1])
    }

    @Test func simulationMatchesPublishedBehaviour() {
        // Pure red and green collapse towards each other for protanopes and deuteranopes, not
        // for tritanopes; white stays white under every matrix (rows sum to 1).
        let red = RGBA(red: 0.8, green: 0.2, blue: 0.2)
        let green = RGBA(red: 0.3, green: 0.6, blue: 0.2)
        let normal = ColorSpace.lab(red).distance(to: ColorSpace.lab(green))
        for deficiency in [ColorVisionDeficiency.protanopia, .deuteranopia] {
            let seen = ColorSpace.lab(deficiency.simulate(red)).distance(to: ColorSpace.lab(deficiency.simulate(green)))
            #expect(seen < normal / 2)
        }
        for deficiency in ColorVisionDeficiency.allCases {
            let white = deficiency.simulate(RGBA(hex: 0xFFFFFF))
            #expect(abs(white.red - 1) < 0.01 && abs(white.green - 1) < 0.01 && abs(white.blue - 1) < 0.01)
        }
    }

    @Test func labRoundTrip() {
        for hex: UInt32 in [0x000000, 0xFFFFFF, 0x4A78A6, 0xD9822B, 0x123456] {
            let color = RGBA(hex: hex)
            let back = ColorSpace.rgb(ColorSpace.lab(color))
            #expect(abs(back.red - color.red) < 0.005 && abs(back.green - color.green) < 0.005 && abs(back.blue - color.blue) < 0.005)
        }
    }
}
