/// Light and dark colours of an SVG chart as CSS custom properties.
///
/// A chart file is shown by `<img>`, so the page's stylesheet cannot reach inside it. Each SVG
/// therefore carries its own `<style>`: the theme colours as `--c-…` variables with a
/// `prefers-color-scheme: dark` override, and the drawing refers to the variables instead of
/// fixed colours. Maps and charts share the variable names, so one site reads as one report in
/// both schemes. The PNG (cairo raster) keeps the light colours.
public struct SVGColorScheme: Sendable {
    /// One themed colour: its variable name (without `--`) and its light and dark values.
    public struct Entry: Sendable, Equatable {
        public var name: String
        public var light: RGBA
        public var dark: RGBA
    }

    public let entries: [Entry]
    /// Light colour (0xRRGGBB) → variable name.
    private let lookup: [UInt32: String]

    /// The theme's colours with their dark counterparts. Dark text keeps WCAG AA (4.5:1) on the
    /// dark background; data colours stay at least 3:1 against it (tested by
    /// `SVGColorSchemeTests`). Order matters where light values coincide: the first entry wins
    /// (white is `--c-bg`, which is also the dark border).
    public init(theme: Theme = .standard) {
        entries = [
            Entry(name: "c-bg", light: theme.background, dark: RGBA(hex: 0x1A1E23)),
            Entry(name: "c-title", light: theme.title, dark: RGBA(hex: 0xEEF1F4)),
            Entry(name: "c-text", light: theme.text, dark: RGBA(hex: 0xD3D8DE)),
            Entry(name: "c-muted", light: theme.muted, dark: RGBA(hex: 0xA7B0BA)),
            Entry(name: "c-grid", light: theme.grid, dark: RGBA(hex: 0x30373F)),
            Entry(name: "c-axis", light: theme.axis, dark: RGBA(hex: 0x6E7985)),
            Entry(name: "c-primary", light: theme.primary, dark: RGBA(hex: 0x6FA3D6)),
            Entry(name: "c-highlight", light: theme.highlight, dark: RGBA(hex: 0xF0A04B)),
            Entry(name: "c-deemph", light: theme.deemphasised, dark: RGBA(hex: 0x52667A)),
            Entry(name: "c-nodata", light: theme.noData, dark: RGBA(hex: 0x2B3036)),
            Entry(name: "c-hatch", light: theme.noDataHatch, dark: RGBA(hex: 0x5E6771)),
            Entry(name: "c-border", light: theme.border, dark: RGBA(hex: 0x1A1E23)),
        ]
        var table: [UInt32: String] = [:]
        for entry in entries.reversed() { table[Self.key(entry.light)] = entry.name }
        lookup = table
    }

    public static let standard = SVGColorScheme()

    /// The `<style>` element to place inside an `<svg>`: light values on `:root` (the `<svg>`
    /// element when the file is an image), dark values under `prefers-color-scheme: dark`.
    public var style: String {
        func block(_ value: (Entry) -> RGBA) -> String {
            ":root{" + entries.map { "--\($0.name):\(SVGTextLayer.hex(value($0)))" }.joined(separator: ";") + "}"
        }
        return "<style>" + block(\.light) + "@media (prefers-color-scheme:dark){" + block(\.dark) + "}</style>"
    }

    /// `var(--c-…)` for a theme colour (compared at 8-bit precision), nil for any other colour.
    public func variable(for color: RGBA) -> String? {
        let key = Self.key(color)
        return lookup[key].map { "var(--\($0))" }
    }

    /// Adds `style` after the opening `<svg …>` tag and rewrites cairo's `fill:rgb(…%)` and
    /// `stroke:rgb(…%)` for theme colours into `var(--c-…)`. Running it twice changes nothing.
    public func apply(to svg: [UInt8]) -> [UInt8] {
        let marker = Array("<style>:root{--c-".utf8)
        guard SVGBytes.firstIndex(of: marker, in: svg, from: 0) == nil,
            let open = SVGBytes.firstIndex(of: Array("<svg".utf8), in: svg, from: 0),
            let close = svg[open...].firstIndex(of: UInt8(ascii: ">"))
        else { return svg }
        var output: [UInt8] = []
        output.reserveCapacity(svg.count + 1024)
        output += svg[...close]
        output += Array(("\n" + style).utf8)
        output += recoloured(svg[(close + 1)...])
        return output
    }

    /// Copies `bytes`, replacing each `rgb(r%,g%,b%)` that is a theme colour.
    private func recoloured(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        let prefix = Array("rgb(".utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            if bytes[index] == prefix[0], index + prefix.count <= bytes.endIndex,
                bytes[index..<index + prefix.count].elementsEqual(prefix),
                let end = bytes[index...].prefix(80).firstIndex(of: UInt8(ascii: ")")),
                let color = Self.percentColor(bytes[(index + prefix.count)..<end]),
                let variable = variable(for: color)
            {
                output += Array(variable.utf8)
                index = end + 1
                continue
            }
            output.append(bytes[index])
            index += 1
        }
        return output
    }

    private static func key(_ color: RGBA) -> UInt32 {
        func byte(_ c: Double) -> UInt32 { UInt32((min(max(c, 0), 1) * 255).rounded()) }
        return byte(color.red) << 16 | byte(color.green) << 8 | byte(color.blue)
    }

    /// Parses cairo's `29.411765%,45.882353%,65.098039%` (spaces allowed).
    private static func percentColor(_ bytes: ArraySlice<UInt8>) -> RGBA? {
        let parts = String(decoding: bytes, as: UTF8.self).split(separator: ",")
        guard parts.count == 3 else { return nil }
        var channels: [Double] = []
        for part in parts {
            let text = part.trimmedSpaces()
            guard text.hasSuffix("%"), let value = Double(text.dropLast()) else { return nil }
            channels.append(value / 100)
        }
        return RGBA(red: channels[0], green: channels[1], blue: channels[2])
    }
}

/// A chart whose SVG takes the light and dark colours of `SVGColorScheme`. Such a chart marks
/// ink it draws on data fills (`onFill` / `themed: false`), so that ink keeps its colour when
/// the theme colours change. Charts that do not conform (the maps, until they mark their
/// labels) keep their fixed light colours in both schemes.
public protocol DarkModeReady: Chart {}

/// Byte search in SVG documents.
enum SVGBytes {
    static func firstIndex(of pattern: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard !pattern.isEmpty, bytes.count >= pattern.count, start <= bytes.count - pattern.count else { return nil }
        for index in start...(bytes.count - pattern.count) where bytes[index] == pattern[0] {
            if bytes[index..<index + pattern.count].elementsEqual(pattern) { return index }
        }
        return nil
    }
}

private extension Substring {
    func trimmedSpaces() -> String {
        var text = self
        while text.first == " " { text = text.dropFirst() }
        while text.last == " " { text = text.dropLast() }
        return String(text)
    }
}
