import Foundation
import Testing

/// Both themes of `templates/static/site.css` meet WCAG 2 AA contrast (4.5:1 for text) for
/// every text colour on every background it is used on.
@Suite struct ContrastTests {
    static func variables(_ block: String) -> [String: String] {
        var out: [String: String] = [:]
        for part in block.split(separator: ";") {
            let kv = part.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            if kv.count == 2, kv[0].hasPrefix("--"), kv[1].hasPrefix("#") { out[kv[0]] = kv[1] }
        }
        return out
    }

    static func luminance(_ hex: String) -> Double {
        let v = Int(hex.dropFirst(), radix: 16)!
        func channel(_ c: Int) -> Double {
            let s = Double(c) / 255
            return s <= 0.03928 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channel((v >> 16) & 255) + 0.7152 * channel((v >> 8) & 255) + 0.0722 * channel(v & 255)
    }

    static func ratio(_ a: String, _ b: String) -> Double {
        let la = luminance(a), lb = luminance(b)
        return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
    }

    @Test func lightAndDarkThemesMeetAA() throws {
        let css = try String(contentsOfFile: repositoryRoot + "/templates/static/site.css", encoding: .utf8)
        let light = Self.variables(String(css[css.range(of: ":root {")!.upperBound...].prefix { $0 != "}" }))
        let darkStart = css.range(of: "@media (prefers-color-scheme: dark)")!.upperBound
        let darkBlock = css[darkStart...]
        let dark = Self.variables(String(darkBlock[darkBlock.range(of: ":root {")!.upperBound...].prefix { $0 != "}" }))
        for (name, theme) in [("light", light), ("dark", dark)] {
            for text in ["--fg", "--muted", "--accent", "--up", "--down"] {
                for background in ["--bg", "--panel"] {
                    let r = Self.ratio(theme[text]!, theme[background]!)
                    #expect(r >= 4.5, "\(name): \(text) on \(background) is \(r):1")
                }
            }
            #expect(Self.ratio(theme["--banner-fg"]!, theme["--banner-bg"]!) >= 4.5, "\(name) banner")
        }
    }
}
