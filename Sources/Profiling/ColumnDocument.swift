/// One column of a profile file (docs/profile-schema.md, "Column"). A statistic the column's
/// semantic type does not call for is absent; one that is undefined (no values) is `null`; in a
/// published profile, one the disclosure policy withholds is absent and one it suppresses is
/// `null` and named in `suppressed`. Hence the double optionals: `nil` absent, `.some(nil)` null.
public struct ColumnDocument: Codable, Equatable, Sendable {
    public var name: String
    public var type: String
    public var kind: String
    public var semanticType: String
    public var count: Int
    public var nulls: Int
    public var nullShare: Double?
    public var distinct: Distinct

    // Numeric columns (which of these a column has depends on its semantic type).
    public var nan: Int?
    public var min: ProfileNumber??
    public var max: ProfileNumber??
    public var sum: ProfileNumber??
    public var mean: Double??
    public var std: Double??
    public var skewness: Double??
    public var zeros: Int?
    public var negatives: Int?
    public var quantiles: Quantiles?
    public var iqr: Double??
    public var iqrOutliers: Int?
    public var histogram: Histogram??
    public var logHistogram: Histogram??

    // String and flag columns.
    public var empty: Int?
    public var length: Length?
    public var topValues: [ValueCountDocument]?
    public var topValuesComplete: Bool?
    /// Value shapes: strings and numeric identifiers.
    public var shapes: [ValueCountDocument]?
    public var otherShapes: Int?

    // Flags, booleans, periods and codes.
    public var valueCounts: [ValueCountDocument]?
    public var valueCountsComplete: Bool?
    public var validity: Validity?
    public var suppressedShare: Double?
    public var imbalance: Double?

    /// Only in a published profile: the statistics the policy replaced by null (`min`, `p1`, …).
    public var suppressed: [String]?

    public struct Distinct: Codable, Equatable, Sendable {
        public var value: Int
        public var exact: Bool
        public var relativeError: Double?

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(value, forKey: .value)
            try c.encode(exact, forKey: .exact)
            try c.encode(relativeError, forKey: .relativeError)
        }
    }

    /// Exact linear quantiles; a level is null without values (or suppressed when published).
    public struct Quantiles: Codable, Equatable, Sendable {
        public var method: String
        public var p1: Double?
        public var p5: Double?
        public var p25: Double?
        public var p50: Double?
        public var p75: Double?
        public var p95: Double?
        public var p99: Double?

        /// The levels in order, as the file names them.
        public static let levels = ["p1", "p5", "p25", "p50", "p75", "p95", "p99"]

        /// The quantile of a level named in `levels`.
        public subscript(level level: String) -> Double? {
            get {
                switch level {
                case "p1": return p1
                case "p5": return p5
                case "p25": return p25
                case "p50": return p50
                case "p75": return p75
                case "p95": return p95
                case "p99": return p99
                default: preconditionFailure("no quantile level \(level)")
                }
            }
            set {
                switch level {
                case "p1": p1 = newValue
                case "p5": p5 = newValue
                case "p25": p25 = newValue
                case "p50": p50 = newValue
                case "p75": p75 = newValue
                case "p95": p95 = newValue
                case "p99": p99 = newValue
                default: preconditionFailure("no quantile level \(level)")
                }
            }
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(method, forKey: .method)
            try c.encode(p1, forKey: .p1)
            try c.encode(p5, forKey: .p5)
            try c.encode(p25, forKey: .p25)
            try c.encode(p50, forKey: .p50)
            try c.encode(p75, forKey: .p75)
            try c.encode(p95, forKey: .p95)
            try c.encode(p99, forKey: .p99)
        }
    }

    /// `counts.count + 1` edges.
    public struct Histogram: Codable, Equatable, Sendable {
        public var edges: [Double]
        public var counts: [Int]
    }

    public struct Length: Codable, Equatable, Sendable {
        public var min: Int?
        public var mean: Double?
        public var max: Int?

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(min, forKey: .min)
            try c.encode(mean, forKey: .mean)
            try c.encode(max, forKey: .max)
        }
    }

    public struct Validity: Codable, Equatable, Sendable {
        public var check: String
        public var checked: Int
        public var valid: Int
        public var validShare: Double?
        public var pseudonyms: Int

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(check, forKey: .check)
            try c.encode(checked, forKey: .checked)
            try c.encode(valid, forKey: .valid)
            try c.encode(validShare, forKey: .validShare)
            try c.encode(pseudonyms, forKey: .pseudonyms)
        }
    }

    public init(name: String, type: String, kind: String, semanticType: String, count: Int, nulls: Int, nullShare: Double?, distinct: Distinct) {
        self.name = name
        self.type = type
        self.kind = kind
        self.semanticType = semanticType
        self.count = count
        self.nulls = nulls
        self.nullShare = nullShare
        self.distinct = distinct
    }

    enum CodingKeys: String, CodingKey {
        case name, type, kind, semanticType, count, nulls, nullShare, distinct
        case nan, min, max, sum, mean, std, skewness, zeros, negatives, quantiles, iqr, iqrOutliers, histogram, logHistogram
        case empty, length, topValues, topValuesComplete, shapes, otherShapes
        case valueCounts, valueCountsComplete, validity, suppressedShare, imbalance, suppressed
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        type = try c.decode(String.self, forKey: .type)
        kind = try c.decode(String.self, forKey: .kind)
        semanticType = try c.decode(String.self, forKey: .semanticType)
        count = try c.decode(Int.self, forKey: .count)
        nulls = try c.decode(Int.self, forKey: .nulls)
        nullShare = try c.decode(Double?.self, forKey: .nullShare)
        distinct = try c.decode(Distinct.self, forKey: .distinct)
        nan = try c.decodeIfPresent(Int.self, forKey: .nan)
        min = try c.decodePresent(ProfileNumber.self, forKey: .min)
        max = try c.decodePresent(ProfileNumber.self, forKey: .max)
        sum = try c.decodePresent(ProfileNumber.self, forKey: .sum)
        mean = try c.decodePresent(Double.self, forKey: .mean)
        std = try c.decodePresent(Double.self, forKey: .std)
        skewness = try c.decodePresent(Double.self, forKey: .skewness)
        zeros = try c.decodeIfPresent(Int.self, forKey: .zeros)
        negatives = try c.decodeIfPresent(Int.self, forKey: .negatives)
        quantiles = try c.decodeIfPresent(Quantiles.self, forKey: .quantiles)
        iqr = try c.decodePresent(Double.self, forKey: .iqr)
        iqrOutliers = try c.decodeIfPresent(Int.self, forKey: .iqrOutliers)
        histogram = try c.decodePresent(Histogram.self, forKey: .histogram)
        logHistogram = try c.decodePresent(Histogram.self, forKey: .logHistogram)
        empty = try c.decodeIfPresent(Int.self, forKey: .empty)
        length = try c.decodeIfPresent(Length.self, forKey: .length)
        topValues = try c.decodeIfPresent([ValueCountDocument].self, forKey: .topValues)
        topValuesComplete = try c.decodeIfPresent(Bool.self, forKey: .topValuesComplete)
        shapes = try c.decodeIfPresent([ValueCountDocument].self, forKey: .shapes)
        otherShapes = try c.decodeIfPresent(Int.self, forKey: .otherShapes)
        valueCounts = try c.decodeIfPresent([ValueCountDocument].self, forKey: .valueCounts)
        valueCountsComplete = try c.decodeIfPresent(Bool.self, forKey: .valueCountsComplete)
        validity = try c.decodeIfPresent(Validity.self, forKey: .validity)
        suppressedShare = try c.decodeIfPresent(Double.self, forKey: .suppressedShare)
        imbalance = try c.decodeIfPresent(Double.self, forKey: .imbalance)
        suppressed = try c.decodeIfPresent([String].self, forKey: .suppressed)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(type, forKey: .type)
        try c.encode(kind, forKey: .kind)
        try c.encode(semanticType, forKey: .semanticType)
        try c.encode(count, forKey: .count)
        try c.encode(nulls, forKey: .nulls)
        try c.encode(nullShare, forKey: .nullShare)
        try c.encode(distinct, forKey: .distinct)
        try c.encodeIfPresent(nan, forKey: .nan)
        try c.encodeIfPresent(min, forKey: .min)
        try c.encodeIfPresent(max, forKey: .max)
        try c.encodeIfPresent(sum, forKey: .sum)
        try c.encodeIfPresent(mean, forKey: .mean)
        try c.encodeIfPresent(std, forKey: .std)
        try c.encodeIfPresent(skewness, forKey: .skewness)
        try c.encodeIfPresent(zeros, forKey: .zeros)
        try c.encodeIfPresent(negatives, forKey: .negatives)
        try c.encodeIfPresent(quantiles, forKey: .quantiles)
        try c.encodeIfPresent(iqr, forKey: .iqr)
        try c.encodeIfPresent(iqrOutliers, forKey: .iqrOutliers)
        try c.encodeIfPresent(histogram, forKey: .histogram)
        try c.encodeIfPresent(logHistogram, forKey: .logHistogram)
        try c.encodeIfPresent(empty, forKey: .empty)
        try c.encodeIfPresent(length, forKey: .length)
        try c.encodeIfPresent(topValues, forKey: .topValues)
        try c.encodeIfPresent(topValuesComplete, forKey: .topValuesComplete)
        try c.encodeIfPresent(shapes, forKey: .shapes)
        try c.encodeIfPresent(otherShapes, forKey: .otherShapes)
        try c.encodeIfPresent(valueCounts, forKey: .valueCounts)
        try c.encodeIfPresent(valueCountsComplete, forKey: .valueCountsComplete)
        try c.encodeIfPresent(validity, forKey: .validity)
        try c.encodeIfPresent(suppressedShare, forKey: .suppressedShare)
        try c.encodeIfPresent(imbalance, forKey: .imbalance)
        try c.encodeIfPresent(suppressed, forKey: .suppressed)
    }
}

extension KeyedDecodingContainer {
    /// Absent → nil, `null` → `.some(nil)`, a value → `.some(value)`.
    func decodePresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T?? {
        guard contains(key) else { return nil }
        if try decodeNil(forKey: key) { return .some(nil) }
        return .some(try decode(T.self, forKey: key))
    }
}
