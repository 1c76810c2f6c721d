import Foundation

/// A colour in CIELAB (D65), for perceptual interpolation and ΔE distances.
public struct LabColor: Sendable, Equatable {
    public var l, a, b: Double
    public init(l: Double, a: Double, b: Double) {
        self.l = l
        self.a = a
        self.b = b
    }

    /// CIE76 ΔE*ab: Euclidean distance in Lab (about 2.3 is a just-noticeable difference).
    public func distance(to other: LabColor) -> Double {
        let dl = l - other.l
        let da = a - other.a
        let db = b - other.b
        return (dl * dl + da * da + db * db).squareRoot()
    }
}

enum ColorSpace {
    static func linear(_ channel: Double) -> Double {
        channel <= 0.04045 ? channel / 12.92 : pow((channel + 0.055) / 1.055, 2.4)
    }

    static func gamma(_ channel: Double) -> Double {
        let c = min(1, max(0, channel))
        return c <= 0.0031308 ? 12.92 * c : 1.055 * pow(c, 1 / 2.4) - 0.055
    }

    static func lab(_ color: RGBA) -> LabColor {
        let r = linear(color.red)
        let g = linear(color.green)
        let b = linear(color.blue)
        let x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047
        let y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b
        let z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883
        func f(_ t: Double) -> Double { t > 216.0 / 24389 ? cbrt(t) : (24389.0 / 27 * t + 16) / 116 }
        let fx = f(x)
        let fy = f(y)
        let fz = f(z)
        return LabColor(l: 116 * fy - 16, a: 500 * (fx - fy), b: 200 * (fy - fz))
    }

    static func rgb(_ lab: LabColor) -> RGBA {
        let fy = (lab.l + 16) / 116
        let fx = fy + lab.a / 500
        let fz = fy - lab.b / 200
        func inverse(_ t: Double) -> Double { t * t * t > 216.0 / 24389 ? t * t * t : (116 * t - 16) / (24389.0 / 27) }
        let x = inverse(fx) * 0.95047
        let y = inverse(fy)
        let z = inverse(fz) * 1.08883
        let r = 3.2404542 * x - 1.5371385 * y - 0.4985314 * z
        let g = -0.9692660 * x + 1.8760108 * y + 0.0415560 * z
        let b = 0.0556434 * x - 0.2040259 * y + 1.0572252 * z
        return RGBA(red: quantised(gamma(r)), green: quantised(gamma(g)), blue: quantised(gamma(b)))
    }

    /// Relative luminance (WCAG), to pick dark or light text on a fill.
    static func luminance(_ color: RGBA) -> Double {
        0.2126 * linear(color.red) + 0.7152 * linear(color.green) + 0.0722 * linear(color.blue)
    }

    /// Rounds to 8-bit steps so palettes are exact, reproducible byte values.
    private static func quantised(_ channel: Double) -> Double {
        (channel * 255).rounded() / 255
    }
}

extension RGBA {
    /// Dark ink on light fills, white on dark ones.
    func contrastingText(dark: RGBA, light: RGBA = RGBA(hex: 0xFFFFFF)) -> RGBA {
        ColorSpace.luminance(self) > 0.32 ? dark : light
    }

    var hexString: String {
        let r = Int((red * 255).rounded())
        let g = Int((green * 255).rounded())
        let b = Int((blue * 255).rounded())
        return String(format: "#%02X%02X%02X", r, g, b)
    }
}
