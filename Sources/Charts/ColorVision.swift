/// Simulates colour-vision deficiencies with the severity-1.0 matrices of Machado, Oliveira
/// and Fernandes, "A Physiologically-based Model for Simulation of Color Vision Deficiency",
/// IEEE TVCG 15(6), 2009. The matrices apply to linear RGB.
public enum ColorVisionDeficiency: String, Sendable, CaseIterable {
    case protanopia, deuteranopia, tritanopia

    var matrix: [[Double]] {
        switch self {
        case .protanopia:
            [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]]
        case .deuteranopia:
            [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]]
        case .tritanopia:
            [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]]
        }
    }

    /// How `color` appears to someone with this deficiency.
    public func simulate(_ color: RGBA) -> RGBA {
        let linear = [ColorSpace.linear(color.red), ColorSpace.linear(color.green), ColorSpace.linear(color.blue)]
        let m = matrix
        let out = (0..<3).map { row in m[row][0] * linear[0] + m[row][1] * linear[1] + m[row][2] * linear[2] }
        return RGBA(
            red: ColorSpace.gamma(out[0]), green: ColorSpace.gamma(out[1]), blue: ColorSpace.gamma(out[2]),
            alpha: color.alpha)
    }

    /// The smallest ΔE*ab between neighbouring colours of `palette` as seen with this deficiency.
    public func minimumAdjacentDistance(_ palette: [RGBA]) -> Double {
        guard palette.count >= 2 else { return .infinity }
        return zip(palette, palette.dropFirst()).map { pair in
            ColorSpace.lab(simulate(pair.0)).distance(to: ColorSpace.lab(simulate(pair.1)))
        }.min() ?? .infinity
    }
}
