/// The type of a configuration value.
public enum ConfigValueType: String, Sendable {
    case string, integer, number, boolean, integerList, stringList

    var phrase: String {
        switch self {
        case .string: return "a string"
        case .integer: return "an integer"
        case .number: return "a number"
        case .boolean: return "true or false"
        case .integerList: return "a list of integers"
        case .stringList: return "a list of strings"
        }
    }
}

/// A typed configuration value.
public enum ConfigValue: Equatable, Sendable {
    case string(String)
    case integer(Int)
    case number(Double)
    case boolean(Bool)
    case integerList([Int])
    case stringList([String])
    /// An optional setting left unset.
    case unset
}

/// One key rxpipe understands: its section, type, default, and whether it may hold a secret.
public struct ConfigKey: Sendable {
    public let section: String
    public let name: String
    public let type: ConfigValueType
    public let defaultValue: ConfigValue
    public let help: String
    /// Values that may embed credentials (a postgres:// URI) are redacted when printed.
    public let mayHoldSecret: Bool
    /// Allowed values for enumerated strings.
    public let choices: [String]

    init(
        _ section: String, _ name: String, _ type: ConfigValueType, _ defaultValue: ConfigValue, _ help: String,
        mayHoldSecret: Bool = false, choices: [String] = []
    ) {
        self.section = section
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
        self.help = help
        self.mayHoldSecret = mayHoldSecret
        self.choices = choices
    }

    /// `section.name`, as written in messages.
    public var path: String { "\(section).\(name)" }

    /// `RXPIPE_<SECTION>_<KEY>`.
    public var environmentVariable: String { "RXPIPE_\(section.uppercased())_\(name.uppercased())" }
}

/// Every configuration key, in the order `rxpipe config` prints them.
public enum ConfigSchema {
    public static let sections = ["source", "fetch", "lake", "site", "privacy", "drugs", "quality", "profile", "runs", "outliers"]

    public static let keys: [ConfigKey] = [
        .init("source", "kind", .string, .string("csv"), "where the data comes from", choices: ["csv", "postgres"]),
        .init("source", "path", .string, .string("local_data/raw"), "directory of the source CSV files (kind = csv)"),
        .init(
            "source", "layout", .string, .string("auto"),
            "CSV layout: cms_wide (one CMS file per year), four_table (prescriber, drug, prescriber_drug, state files) or auto",
            choices: ["auto", "cms_wide", "four_table"]),
        .init(
            "source", "url", .string, .unset,
            "libpq connection string or postgres:// URI (kind = postgres); passwords belong in PGPASSWORD or ~/.pgpass",
            mayHoldSecret: true),
        .init("source", "schema", .string, .string("public"), "PostgreSQL schema holding the four tables"),
        .init("source", "year", .integer, .unset, "data year of a single CMS file, when its name does not say"),
        .init("source", "min_year", .integer, .integer(2013), "first data year accepted (CMS data starts with 2013); earlier years are refused"),
        .init("source", "max_year", .integer, .unset, "last data year accepted (unset: the current year); later years are refused"),
        .init("source", "prescriber_table", .string, .string("prescriber"), "source table of prescribers"),
        .init("source", "drug_table", .string, .string("drug"), "source table of drugs"),
        .init("source", "prescriber_drug_table", .string, .string("prescriber_drug"), "source fact table"),
        .init("source", "state_table", .string, .string("state"), "source table of states"),
        .init(
            "fetch", "catalog_url", .string, .string("https://data.cms.gov/data.json"),
            "DCAT (data.json) catalog listing the dataset's CSV distributions (rxpipe fetch)", mayHoldSecret: true),
        .init(
            "fetch", "dataset", .string, .string("Medicare Part D Prescribers - by Provider and Drug"),
            "title of the catalog's dataset whose CSV files are fetched"),
        .init("fetch", "years", .integerList, .integerList([]), "data years to fetch; empty = the newest year the catalog lists"),
        .init("fetch", "attempts", .integer, .integer(5), "tries per request (5xx, 429 and broken connections are retried with backoff)"),
        .init("fetch", "retry_delay_ms", .integer, .integer(1_000), "first backoff pause in milliseconds; doubles each retry (capped at 60 s)"),
        .init("fetch", "timeout", .integer, .integer(60), "seconds a connection may stay silent before the attempt fails"),
        .init("lake", "root", .string, .string("local_data/lake"), "directory of the Parquet lake, or s3://bucket/prefix for a lake on S3 (worked on through a local copy in [lake] cache)"),
        .init("lake", "cache", .string, .string("local_data/lake-cache"), "where the local copy of a lake on S3 is kept (one folder per bucket and prefix)"),
        .init("lake", "endpoint_url", .string, .unset, "S3-compatible endpoint for a lake on S3, e.g. http://127.0.0.1:9000 (path-style); unset: AWS itself (or AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL)"),
        .init("site", "dir", .string, .string("site"), "directory the static site is written to"),
        .init("site", "title", .string, .string("Medicare Part D Prescribing"), "title shown on every page"),
        .init(
            "site", "templates", .string, .string(""),
            "folder of your own page templates and assets (`rxpipe init` writes a copy to edit); a file it lacks comes from the built-in templates. Empty: templates/ in the working directory when it exists, else the built-in templates alone"),
        .init("site", "base_url", .string, .unset, "public URL of the published site (optional)"),
        .init("site", "movers_min_claims", .integer, .integer(1_000), "a drug is listed among the risers and fallers only with at least this many claims the year before"),
        .init("site", "movers_min_cost", .number, .number(100_000), "… and at least this drug cost (dollars) the year before"),
        .init("site", "chart_png", .boolean, .boolean(false), "also write a 2× PNG of every chart, linked under it"),
        .init("privacy", "pseudonymize", .boolean, .boolean(false), "replace NPIs by keyed pseudonyms, drop names"),
        .init("privacy", "suppress_below", .integer, .integer(11), "counts below this are never published"),
        .init("drugs", "generic", .stringList, .stringList([]), "brand names always classified as generic (overrides the generic-name rule)"),
        .init("drugs", "brand", .stringList, .stringList([]), "brand names always classified as brand (overrides the generic-name rule)"),
        .init("quality", "max_quarantine_share", .number, .number(0.05), "largest share of rows quarantined overall"),
        .init("quality", "max_rule_share", .number, .number(0.02), "largest share of rows rejected by one rule"),
        .init("quality", "min_rows_per_year", .integer, .integer(1), "fewest cleansed rows a data year may have"),
        .init("quality", "max_kpi_change", .number, .number(0.5), "largest relative change of a KPI between runs"),
        .init("quality", "required_years", .integerList, .integerList([]), "data years that must be present"),
        .init("profile", "exact_memory_mb", .integer, .integer(1024), "MiB for the values of numeric columns with many distinct values, per read of a table (more such columns → more reads)"),
        .init("profile", "distinct_exact_mb", .integer, .integer(256), "MiB of exact value counts per string column before HyperLogLog"),
        .init("profile", "histogram_bins", .integer, .integer(20), "bins of the equal-width and log-scaled histograms"),
        .init("profile", "log_histogram_min_ratio", .number, .number(100), "max / smallest positive value from which a log-scaled histogram is drawn"),
        .init("profile", "spearman_max_rows", .integer, .integer(250_000), "rows ranked for Spearman correlations (larger tables: every k-th row)"),
        .init("profile", "min_rows", .integer, .integer(30), "smallest sample for correlations and alerts (smaller tables get neither)"),
        .init("profile", "flag_max_distinct", .integer, .integer(10), "a string column with at most this many values is a flag"),
        .init("profile", "high_cardinality_distinct", .integer, .integer(50), "alert high_cardinality above this many distinct strings"),
        .init("profile", "high_missing_share", .number, .number(0.2), "alert high_missing above this null share"),
        .init("profile", "unique_share", .number, .number(1.0), "alert unique at or above this distinct / count"),
        .init("profile", "correlation_threshold", .number, .number(0.9), "alert highly_correlated above this |r|"),
        .init("profile", "skewness_threshold", .number, .number(20), "alert skewed above this |skewness|"),
        .init("profile", "zeros_share", .number, .number(0.1), "alert many_zeros above this share of zeros"),
        .init("profile", "imbalance_threshold", .number, .number(0.5), "alert imbalance above this 1 - entropy/ln(k)"),
        .init("profile", "suppressed_share", .number, .number(0.25), "alert suppressed_share at or above this share of rows flagged"),
        .init("runs", "keep", .integer, .integer(30), "how many run records (each with its curated snapshot) to keep"),
        .init("outliers", "min_peers", .integer, .integer(20), "prescribers of one year, specialty and state needed before any of them is compared with the others"),
        .init("outliers", "min_claims", .integer, .integer(250), "claims a prescriber needs to be compared (as a peer or as an outlier)"),
        .init("outliers", "threshold", .number, .number(4.0), "flag a prescriber whose robust z-score (median and MAD of the peers) is at least this far from 0"),
        .init("outliers", "listed_per_specialty", .integer, .integer(10), "prescribers listed per specialty on the outliers page (largest |z| first; the download has them all)"),
    ]

    public static func key(section: String, name: String) -> ConfigKey? {
        keys.first { $0.section == section && $0.name == name }
    }

    public static func keys(in section: String) -> [ConfigKey] { keys.filter { $0.section == section } }
}
