/// `exp` and `log` written with + − × ÷ and exact exponent arithmetic only, so the sample
/// generator gives the same bytes on every machine: libm's transcendental functions may differ
/// in the last bit between C libraries and versions, and one bit can flip a rounded count.
///
/// Accuracy is within a few ulps over the ranges the generator uses, which is all it needs.
enum PortableMath {
    static let ln2 = 0.693_147_180_559_945_309_417_232_121_458

    /// e^x; 0 below −700 and +∞ above 700.
    static func exp(_ x: Double) -> Double {
        if x > 700 { return .infinity }
        if x < -700 { return 0 }
        // x = k·ln2 + r with |r| ≤ ln2/2, then e^x = 2^k · e^r; 14 Taylor terms reach 1e-17.
        let k = (x / ln2).rounded()
        let r = x - k * ln2
        // Horner form of Σ rⁿ/n! for n ≤ 14, with coefficients folded at compile time.
        var sum = 1.0 / 87_178_291_200.0
        sum = 1.0 / 6227020800.0 + r * sum
        sum = 1.0 / 479001600.0 + r * sum
        sum = 1.0 / 39916800.0 + r * sum
        sum = 1.0 / 3628800.0 + r * sum
        sum = 1.0 / 362880.0 + r * sum
        sum = 1.0 / 40320.0 + r * sum
        sum = 1.0 / 5040.0 + r * sum
        sum = 1.0 / 720.0 + r * sum
        sum = 1.0 / 120.0 + r * sum
        sum = 1.0 / 24.0 + r * sum
        sum = 1.0 / 6.0 + r * sum
        sum = 1.0 / 2.0 + r * sum
        sum = 1.0 / 1.0 + r * sum
        sum = 1.0 / 1.0 + r * sum
        return sum * Double(sign: .plus, exponent: Int(k), significand: 1)
    }

    /// Natural logarithm for finite x > 0.
    static func log(_ x: Double) -> Double {
        precondition(x > 0 && x.isFinite, "log of a non-positive or infinite number")
        // x = m · 2^e with m in [1, 2) exactly; fold m into [1/√2, √2).
        var e = Int(x.exponent)
        var m = x.significand
        if m > 1.414_213_562_373_095 {
            m /= 2
            e += 1
        }
        // ln m = 2·atanh(z), z = (m−1)/(m+1), |z| ≤ 0.172: 13 odd terms reach 1e-17.
        let z = (m - 1) / (m + 1), z2 = z * z
        var sum = 1.0 / 25.0
        sum = 1.0 / 23.0 + z2 * sum
        sum = 1.0 / 21.0 + z2 * sum
        sum = 1.0 / 19.0 + z2 * sum
        sum = 1.0 / 17.0 + z2 * sum
        sum = 1.0 / 15.0 + z2 * sum
        sum = 1.0 / 13.0 + z2 * sum
        sum = 1.0 / 11.0 + z2 * sum
        sum = 1.0 / 9.0 + z2 * sum
        sum = 1.0 / 7.0 + z2 * sum
        sum = 1.0 / 5.0 + z2 * sum
        sum = 1.0 / 3.0 + z2 * sum
        sum = 1.0 / 1.0 + z2 * sum
        return Double(e) * ln2 + 2 * z * sum
    }

    /// x^y for x > 0.
    static func pow(_ x: Double, _ y: Double) -> Double { exp(y * log(x)) }
}
