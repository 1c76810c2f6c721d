import Charts
import Curated
import Disclosure

/// Everything a render reads, gathered before any page is made.
public struct SiteInput: Sendable {
    public var title: String
    /// The base a drug needs to be listed among the risers and fallers.
    public var movers = MoversBase()
    /// `[outliers]`: thresholds stated on the outliers page and how many it lists per specialty.
    public var outlierListing = OutlierListing()
    /// How many drugs (generic names, most claims first) get a page of their own (`EntityPages`).
    public var drugPageLimit = SiteInput.defaultDrugPageLimit
    public var curated: CuratedData
    public var quality: PublishedQuality?
    public var profiles: [TableProfile]
    public var catalog: [CatalogEntry]
    public var geometry: USStateGeometry
    /// Every curated table as CSV, for the downloads page.
    public var tableDownloads: [CSVExport.Download]
    /// Quality gate outcome of the run being rendered (nil outside `rxpipe run`).
    public var gates: GateSummary?
    /// Earlier runs, oldest first, for the run history page (empty outside `rxpipe run`).
    public var history: [RunHistoryEntry] = []
    /// "What changed since the previous run", as Markdown made by rxpipe (values escaped).
    public var changesMarkdown: String?
    /// The disclosure policy everything above already passed (the methodology page states it).
    public var policy: DisclosurePolicy
    /// The curated data version the site shows (written to `.rxpipe-gates.json`, so `publish`
    /// can find the lake's verdict on it).
    public var dataVersion: String?

    public init(
        title: String, curated: CuratedData, quality: PublishedQuality?, profiles: [TableProfile], catalog: [CatalogEntry],
        geometry: USStateGeometry, tableDownloads: [CSVExport.Download], gates: GateSummary? = nil,
        policy: DisclosurePolicy = DisclosurePolicy(suppressBelow: 11, pseudonymized: false)
    ) {
        self.policy = policy
        self.tableDownloads = tableDownloads
        self.title = title
        self.curated = curated
        self.quality = quality
        self.profiles = profiles
        self.catalog = catalog
        self.geometry = geometry
        self.gates = gates
    }
}

extension SiteInput {
    /// At 25 M source rows (3,000 generic names) the top 250 hold 69 % of the claims and their
    /// pages about 1.5 MB of the site's 40 MB budget (README, "The site").
    public static let defaultDrugPageLimit = 250
}

