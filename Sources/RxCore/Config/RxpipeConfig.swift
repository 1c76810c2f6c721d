/// The effective configuration, typed and validated.
public struct RxpipeConfig: Equatable, Sendable {
    public enum SourceKind: String, Sendable { case csv, postgres }

    public struct Source: Equatable, Sendable {
        public var kind: SourceKind
        public var path: String
        /// CSV layout: `auto`, `cms_wide` or `four_table` (kind = csv).
        public var layout: String
        /// libpq connection string; nil means libpq's environment (PGHOST, PGPORT, …) alone.
        public var url: String?
        public var schema: String
        public var year: Int?
        /// Data years accepted everywhere (`min_year`, default 2013; `max_year`, default this year).
        public var minYear: Int
        public var maxYear: Int
        public var years: ClosedRange<Int> { minYear...maxYear }
        public var prescriberTable: String
        public var drugTable: String
        public var prescriberDrugTable: String
        public var stateTable: String
    }

    /// `[fetch]`: where `rxpipe fetch` finds the CMS files and how hard it tries.
    public struct Fetch: Equatable, Sendable {
        public var catalogURL: String
        public var dataset: String
        public var years: [Int]
        public var attempts: Int
        public var retryDelayMilliseconds: Int
        public var timeoutSeconds: Int
    }

    public struct Lake: Equatable, Sendable {
        /// A directory, or `s3://bucket/prefix`.
        public var root: String
        /// Where a lake on S3 is copied to.
        public var cache: String = "local_data/lake-cache"
        /// S3-compatible endpoint of a lake on S3 (nil: AWS).
        public var endpointURL: String? = nil

        public init(root: String, cache: String = "local_data/lake-cache", endpointURL: String? = nil) {
            self.root = root
            self.cache = cache
            self.endpointURL = endpointURL
        }

        /// True for `s3://…`.
        public var isRemote: Bool { root.hasPrefix("s3://") }
    }

    public struct Site: Equatable, Sendable {
        public var dir: String
        public var title: String
        /// Template folder over the built-in templates; empty: `templates/` in the working
        /// directory when it exists, else the built-in templates alone.
        public var templates: String
        public var baseURL: String?
        /// Risers and fallers need at least this many claims the year before (`movers_min_claims`).
        public var moversMinClaims: Int
        /// … and at least this drug cost, in dollars, the year before (`movers_min_cost`).
        public var moversMinCost: Double
        /// Also write a 2× PNG of every chart, linked under it (`chart_png`; off by default: no
        /// page loads them and they double the charts' weight).
        public var chartPNG: Bool = false
    }

    public struct Privacy: Equatable, Sendable {
        public var pseudonymize: Bool
        public var suppressBelow: Int
    }

    /// `[drugs]`: brand names whose generic/brand classification the user fixes by hand.
    public struct Drugs: Equatable, Sendable {
        public var generic: [String]
        public var brand: [String]
    }

    public struct Quality: Equatable, Sendable {
        public var maxQuarantineShare: Double
        public var maxRuleShare: Double
        public var minRowsPerYear: Int
        public var maxKPIChange: Double
        public var requiredYears: [Int]
    }

    /// `[profile]`: memory budgets and alert thresholds of `rxpipe profile`.
    public struct Profile: Equatable, Sendable {
        public var exactMemoryMB: Int
        public var distinctExactMB: Int
        public var histogramBins: Int
        public var logHistogramMinRatio: Double
        public var spearmanMaxRows: Int
        public var minRows: Int
        public var flagMaxDistinct: Int
        public var highCardinalityDistinct: Int
        public var highMissingShare: Double
        public var uniqueShare: Double
        public var correlationThreshold: Double
        public var skewnessThreshold: Double
        public var zerosShare: Double
        public var imbalanceThreshold: Double
        public var suppressedShare: Double
    }

    /// `[runs]`: how many run records `rxpipe run` keeps.
    public struct Runs: Equatable, Sendable {
        public var keep: Int
    }

    /// `[outliers]`: how `curated/prescriber_outliers` compares prescribers with their peers
    /// (year, specialty, state) and how many the outliers page lists per specialty.
    public struct Outliers: Equatable, Sendable {
        public var minPeers: Int
        public var minClaims: Int
        public var threshold: Double
        public var listedPerSpecialty: Int
    }

    public var source: Source
    public var fetch: Fetch
    public var lake: Lake
    public var site: Site
    public var privacy: Privacy
    public var drugs: Drugs
    public var quality: Quality
    public var profile: Profile
    public var runs: Runs
    public var outliers: Outliers
    /// The file read, if any.
    public var file: String?
    /// Every key's value and origin, for `rxpipe config`.
    public let entries: [Entry]

    public struct Entry: Equatable, Sendable {
        public let key: ConfigKey.Path
        public let value: ConfigValue
        public let origin: ConfigOrigin
    }

    /// The embedded defaults alone.
    public static func defaults() -> RxpipeConfig {
        // The defaults are valid by construction; a failure here is a programming error.
        try! RxpipeConfig(settings: Settings(), file: nil)
    }

    init(settings: Settings, file: String?) throws {
        self.file = file
        let reader = ValueReader(settings: settings)
        source = Source(
            kind: SourceKind(rawValue: try reader.choice("source", "kind"))!,
            path: try reader.nonEmptyString("source", "path"),
            layout: try reader.choice("source", "layout"),
            url: reader.optionalString("source", "url"),
            schema: try reader.identifier("source", "schema"),
            year: try reader.optionalYear("source", "year", in: try reader.yearRange()),
            minYear: try reader.yearRange().lowerBound,
            maxYear: try reader.yearRange().upperBound,
            prescriberTable: try reader.identifier("source", "prescriber_table"),
            drugTable: try reader.identifier("source", "drug_table"),
            prescriberDrugTable: try reader.identifier("source", "prescriber_drug_table"),
            stateTable: try reader.identifier("source", "state_table"))
        fetch = Fetch(
            catalogURL: try reader.httpURL("fetch", "catalog_url"),
            dataset: try reader.nonEmptyString("fetch", "dataset"),
            years: try reader.years("fetch", "years"),
            attempts: try reader.integer("fetch", "attempts", in: 1...100),
            retryDelayMilliseconds: try reader.integer("fetch", "retry_delay_ms", in: 0...600_000),
            timeoutSeconds: try reader.integer("fetch", "timeout", in: 1...86_400))
        lake = Lake(
            root: try reader.nonEmptyString("lake", "root"), cache: try reader.nonEmptyString("lake", "cache"),
            endpointURL: reader.optionalString("lake", "endpoint_url"))
        site = Site(
            dir: try reader.nonEmptyString("site", "dir"),
            title: try reader.nonEmptyString("site", "title"),
            templates: reader.optionalString("site", "templates") ?? "",
            baseURL: reader.optionalString("site", "base_url"),
            moversMinClaims: try reader.integer("site", "movers_min_claims", in: 0...Int.max),
            moversMinCost: try reader.number("site", "movers_min_cost", in: 0...1e15),
            chartPNG: reader.boolean("site", "chart_png"))
        privacy = Privacy(
            pseudonymize: reader.boolean("privacy", "pseudonymize"),
            suppressBelow: try reader.integer("privacy", "suppress_below", in: 1...1_000))
        let generic = try reader.names("drugs", "generic")
        drugs = Drugs(generic: generic, brand: try reader.names("drugs", "brand", disjointFrom: ("drugs", "generic", generic)))
        quality = Quality(
            maxQuarantineShare: try reader.share("quality", "max_quarantine_share"),
            maxRuleShare: try reader.share("quality", "max_rule_share"),
            minRowsPerYear: try reader.integer("quality", "min_rows_per_year", in: 0...Int.max),
            maxKPIChange: try reader.number("quality", "max_kpi_change", in: 0...1_000),
            requiredYears: try reader.years("quality", "required_years"))
        profile = Profile(
            exactMemoryMB: try reader.integer("profile", "exact_memory_mb", in: 1...1 << 20),
            distinctExactMB: try reader.integer("profile", "distinct_exact_mb", in: 1...1 << 20),
            histogramBins: try reader.integer("profile", "histogram_bins", in: 1...10_000),
            logHistogramMinRatio: try reader.number("profile", "log_histogram_min_ratio", in: 1...1e300),
            spearmanMaxRows: try reader.integer("profile", "spearman_max_rows", in: 2...Int.max),
            minRows: try reader.integer("profile", "min_rows", in: 1...Int.max),
            flagMaxDistinct: try reader.integer("profile", "flag_max_distinct", in: 0...10_000),
            highCardinalityDistinct: try reader.integer("profile", "high_cardinality_distinct", in: 0...Int.max),
            highMissingShare: try reader.share("profile", "high_missing_share"),
            uniqueShare: try reader.share("profile", "unique_share"),
            correlationThreshold: try reader.share("profile", "correlation_threshold"),
            skewnessThreshold: try reader.number("profile", "skewness_threshold", in: 0...1e300),
            zerosShare: try reader.share("profile", "zeros_share"),
            imbalanceThreshold: try reader.share("profile", "imbalance_threshold"),
            suppressedShare: try reader.share("profile", "suppressed_share"))
        runs = Runs(keep: try reader.integer("runs", "keep", in: 1...100_000))
        outliers = Outliers(
            minPeers: try reader.integer("outliers", "min_peers", in: 3...1_000_000),
            minClaims: try reader.integer("outliers", "min_claims", in: 0...Int.max),
            threshold: try reader.number("outliers", "threshold", in: 0.5...1_000),
            listedPerSpecialty: try reader.integer("outliers", "listed_per_specialty", in: 0...10_000))
        entries = ConfigSchema.keys.map {
            Entry(key: .init(section: $0.section, name: $0.name), value: settings.values[$0.path]!, origin: settings.origins[$0.path]!)
        }
    }
}

extension ConfigKey {
    /// A key's identity without its metadata.
    public struct Path: Equatable, Sendable, CustomStringConvertible {
        public let section: String
        public let name: String
        public var description: String { "\(section).\(name)" }
    }
}

/// Reads typed values out of `Settings`, turning range problems into `ConfigError.invalidValue`.
private struct ValueReader {
    let settings: Settings

    func raw(_ section: String, _ name: String) -> (ConfigValue, ConfigOrigin) {
        let path = "\(section).\(name)"
        return (settings.values[path]!, settings.origins[path]!)
    }

    func invalid(_ section: String, _ name: String, _ message: String) -> ConfigError {
        .invalidValue(origin: raw(section, name).1, key: "\(section).\(name)", message: message)
    }

    func nonEmptyString(_ section: String, _ name: String) throws -> String {
        guard case .string(let text) = raw(section, name).0 else { preconditionFailure("schema type") }
        guard !text.trimming([" ", "\t"]).isEmpty else { throw invalid(section, name, "must not be empty") }
        return text
    }

    /// A PostgreSQL schema or table name: PostgreSQL keeps only 63 bytes of a longer one and
    /// would silently read another table.
    func identifier(_ section: String, _ name: String) throws -> String {
        let text = try nonEmptyString(section, name)
        guard text.utf8.count <= 63 else { throw invalid(section, name, "has \(text.utf8.count) bytes; PostgreSQL names keep at most 63") }
        return text
    }

    /// An absolute http(s) URL.
    func httpURL(_ section: String, _ name: String) throws -> String {
        let text = try nonEmptyString(section, name)
        let lower = text.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://"), text.count > 8, !text.contains(" ") else {
            throw invalid(section, name, "\"\(ConnectionString.redacted(text))\" is not an http:// or https:// URL")
        }
        return text
    }

    func optionalString(_ section: String, _ name: String) -> String? {
        if case .string(let text) = raw(section, name).0, !text.isEmpty { return text }
        return nil
    }

    func choice(_ section: String, _ name: String) throws -> String {
        let text = try nonEmptyString(section, name)
        let choices = ConfigSchema.key(section: section, name: name)!.choices
        guard choices.contains(text) else {
            throw invalid(section, name, "\"\(text)\" is not one of \(choices.joined(separator: ", "))")
        }
        return text
    }

    func boolean(_ section: String, _ name: String) -> Bool {
        guard case .boolean(let flag) = raw(section, name).0 else { preconditionFailure("schema type") }
        return flag
    }

    func integer(_ section: String, _ name: String, in range: ClosedRange<Int>) throws -> Int {
        guard case .integer(let number) = raw(section, name).0 else { preconditionFailure("schema type") }
        guard range.contains(number) else {
            throw invalid(section, name, "\(number) is outside \(range.lowerBound)…\(range.upperBound)")
        }
        return number
    }

    func number(_ section: String, _ name: String, in range: ClosedRange<Double>) throws -> Double {
        guard case .number(let number) = raw(section, name).0 else { preconditionFailure("schema type") }
        guard number.isFinite, range.contains(number) else {
            throw invalid(section, name, "\(number) is outside \(range.lowerBound)…\(range.upperBound)")
        }
        return number
    }

    func share(_ section: String, _ name: String) throws -> Double {
        try number(section, name, in: 0...1)
    }

    /// Product names, none empty, none also in `other` (compared case-insensitively).
    func names(_ section: String, _ name: String, disjointFrom other: (String, String, [String])? = nil) throws -> [String] {
        guard case .stringList(let names) = raw(section, name).0 else { preconditionFailure("schema type") }
        func fold(_ text: String) -> String { text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ") }
        let taken = Set((other?.2 ?? []).map(fold))
        for text in names {
            guard !fold(text).isEmpty else { throw invalid(section, name, "a name must not be empty") }
            if let other, taken.contains(fold(text)) {
                throw invalid(section, name, "\"\(text)\" is also in \(other.0).\(other.1); a product is either generic or brand")
            }
        }
        return names
    }

    func optionalYear(_ section: String, _ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard case .integer(let year) = raw(section, name).0 else { return nil }
        if let problem = DataYears.problem(year, in: range) { throw invalid(section, name, problem) }
        return year
    }

    /// `[source] min_year`…`max_year` (max unset: the current year).
    func yearRange() throws -> ClosedRange<Int> {
        let low = try integer("source", "min_year", in: 1900...9999)
        var high = max(low, DataYears.currentYear)
        if case .integer(let value) = raw("source", "max_year").0 {
            guard (1900...9999).contains(value) else { throw invalid("source", "max_year", "\(value) is outside 1900…9999") }
            guard value >= low else { throw invalid("source", "max_year", "\(value) is before [source] min_year (\(low))") }
            high = value
        }
        return low...high
    }

    func years(_ section: String, _ name: String) throws -> [Int] {
        guard case .integerList(let years) = raw(section, name).0 else { preconditionFailure("schema type") }
        for year in years where !(2000...2100).contains(year) {
            throw invalid(section, name, "\(year) is not a plausible data year")
        }
        return years
    }
}
