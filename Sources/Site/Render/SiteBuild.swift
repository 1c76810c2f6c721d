import Charts
import Curated
import RxCore

/// Collects the pages, chart jobs, downloads and search entries of one render.
struct SiteBuild {
    let input: SiteInput
    var pages: [Page] = []
    var charts: [ChartJob] = []
    var downloads: [String: [UInt8]] = [:]
    var search: [SearchEntry] = []
    var stateSlugs: [String: String] = [:]
    /// Generic name → the anchor of its row on the drugs page.
    var drugAnchor: [String: String] = [:]
    /// Specialty → the anchor of its row on the prescribers page.
    var specialtyAnchor: [String: String] = [:]
    /// Generic name or specialty → its own page (`EntityPages`).
    var drugPage: [String: String] = [:], specialtyPage: [String: String] = [:]
    /// Specialty → the anchor of its section on the outliers page (`makeOutliers`).
    var outlierAnchor: [String: String] = [:]

    let sections: [Navigation.Section] = [
        .init(id: "overview", title: "Overview", path: "index.html"),
        .init(id: "drugs", title: "Drugs", path: "drugs.html"),
        .init(id: "prescribers", title: "Prescribers", path: "prescribers.html"),
        .init(id: "outliers", title: "Outliers", path: "outliers.html"),
        .init(id: "geography", title: "Geography", path: "geography.html"),
        .init(id: "trends", title: "Trends", path: "trends.html"),
        .init(id: "quality", title: "Data quality", path: "quality.html"),
        .init(id: "eda", title: "EDA", path: "eda/index.html"),
        .init(id: "catalog", title: "Catalog", path: "catalog.html"),
        .init(id: "changes", title: "Changes", path: "changes.html"),
        .init(id: "methodology", title: "Methodology", path: "methodology.html"),
        .init(id: "downloads", title: "Downloads", path: "downloads.html"),
    ]

    init(input: SiteInput) {
        self.input = input
    }

    var curated: CuratedData { input.curated }

    mutating func makePages() throws(SiteError) {
        guard let year = curated.latestYear else {
            throw .noData("curated/kpi_year has no rows: there is nothing to report; check the quality page of the last run or the source")
        }
        for code in Set(curated.states.map(\.state)).sorted() { stateSlugs[code] = Slug.make(code) }
        var registry = SlugRegistry()
        for name in Set(curated.generics.map(\.genericName) + curated.trends.map(\.genericName)).sorted() {
            drugAnchor[name] = "drug-" + registry.slug(for: name)
        }
        registry = SlugRegistry()
        for name in Set(curated.specialties.map(\.prescriberType)).sorted() {
            specialtyAnchor[name] = "specialty-" + registry.slug(for: name)
        }
        planEntityPages(year: year)
        makeOverview(year: year)
        makeDrugs(year: year)
        makePrescribers(year: year)
        makeOutliers(year: year)
        makeGeography(year: year)
        makeStatePages(year: year)
        makeDrugPages(year: year)
        makeSpecialtyPages(year: year)
        makeTrends(year: year)
        makeEarlierYears(latest: year)
        makeComparison(latest: year)
        makeQuality()
        makeEDA()
        makeCatalog()
        pages.append(Page(path: "methodology.html", title: "Methodology", template: "methodology", section: "methodology",
                          context: ["years": curated.years.map(String.init).joined(separator: ", "),
                                    "suppress_below": String(input.policy.suppressBelow), "pseudonymized": input.policy.pseudonymized,
                                    "population_source": StateReference.populationSource,
                                    "movers_min_claims": Format.count(input.movers.minClaims),
                                    "movers_min_cost": Format.money(input.movers.minCost),
                                    "outlier_min_claims": Format.count(input.outlierListing.minClaims),
                                    "outlier_min_peers": Format.count(input.outlierListing.minPeers),
                                    "outlier_threshold": Format.decimal(input.outlierListing.threshold, 1),
                                    "drug_page_limit": String(input.drugPageLimit)]))
        makeDictionary()
        try makeRunPages()
        try makeDownloads()
    }

    mutating func chart(_ name: String, _ chart: any Chart) {
        charts.append(ChartJob(name: name, chart: chart))
    }

    /// Link to a state's page from a page at `root`.
    func stateLink(_ code: String, root: String) -> String? {
        stateSlugs[code].map { "\(root)states/\($0).html" }
    }
}
