/// `exp` and `log` written with + − × ÷ only, so the sample generator gives the same bytes on
/// every machine: libm's transcendental functions may differ in the last bit between C
/// libraries and versions, and one bit can flip a rounded count in a CSV file.
///
/// Accuracy is a few ulps over the ranges the generator uses, which is all it needs.
enum PortableMath {
    static let ln2 = 0.693_147_180_559_945_309_417_232_121_458

    /// e^x for |x| < 700.
    static func exp(_ x: Double) -> Double {
        if x > 700 { return .infinity }
        if x < -700 { return 0 }
        // x = k·ln2 + r with |r| ≤ ln2/2, then e^x = 2^k · e^r.
        let k = (x / ln2).rounded()
        let r = x - k * ln2
        var term = 1.0, sum = 1.0
        for n in 1...18 {
            term = term * r / Double(n)
            sum += term
        }
        return sum * pow2(Int(k))
    }

    /// Natural logarithm for x > 0.
    static func log(_ x: Double) -> Double {
        precondition(x > 0, "log of a non-positive number")
        // x = m · 2^e with m in [1/√2, √2), then ln x = e·ln2 + 2·atanh((m−1)/(m+1)).
        var m = x, e = 0
        while m >= 1.414_213_562_373_095 { m /= 2; e += 1 }
        while m < 0.707_106_781_186_547_6 { m *= 2; e -= 1 }
        let z = (m - 1) / (m + 1), z2 = z * z
        var term = z, sum = 0.0
        var n = 1.0
        while n < 60 {
            sum += term / n
            term *= z2
            n += 2
        }
        return Double(e) * ln2 + 2 * sum
    }

    /// x^y for x > 0.
    static func pow(_ x: Double, _ y: Double) -> Double { exp(y * log(x)) }

    private static func pow2(_ k: Int) -> Double {
        var result = 1.0
        let base = k >= 0 ? 2.0 : 0.5
        for _ in 0..<abs(k) { result *= base }
        return result
    }
}
