import Charts
import Curated
import RxCore

/// A page per drug (generic name) above the threshold and per specialty (issue #20), made from
/// rows grouped by their key once, so the work grows with the rows, not rows × pages.
///
/// Weight decides the threshold: a page costs about 3 KB of layout plus its tables, and the
/// site of a 25 M-row lake (3,000 generics, 182 specialties) has to stay within 40 MB. The
/// `SiteInput.drugPageLimit` generics with the most claims in the latest year get a page (at 25 M rows
/// the top 250 hold 69 % of the claims); every other drug keeps its row on the drugs page.
/// Every specialty gets a page. Tables on these pages are short (`entityRows` rows, 10 top drugs) and not sortable.
extension SiteBuild {
    /// Rows of a state or specialty table on an entity page.
    static let entityRows = 5
    /// Outlier flags listed on a specialty page (the outliers page lists more, the download all).
    static let outliersShown = 5

    /// Decides the drug and specialty pages and their paths, before any page links to them.
    mutating func planEntityPages(year: Int) {
        var registry = SlugRegistry()
        let drugs = curated.generics.filter { $0.year == year && $0.rankClaims <= input.drugPageLimit }.map(\.genericName)
        for name in Set(drugs).sorted() { drugPage[name] = "drugs/\(registry.slug(for: name)).html" }
        registry = SlugRegistry()
        for name in Set(curated.specialties.filter { $0.year == year }.map(\.prescriberType)).sorted() {
            specialtyPage[name] = "specialties/\(registry.slug(for: Self.specialtyTitle(name))).html"
        }
    }

    /// A specialty's name as shown: prescribers without a recorded type form their own group.
    static func specialtyTitle(_ name: String) -> String { name.isEmpty ? "Specialty not recorded" : name }

    /// The drug's page, else its row on the drugs page, as a link from a page at `root`.
    func drugLink(_ name: String, root: String) -> String? {
        if let page = drugPage[name] { return root + page }
        return drugAnchor[name].map { "\(root)drugs.html#\($0)" }
    }

    /// The specialty's page, else its row on the prescribers page, from a page at `root`.
    func specialtyLink(_ name: String, root: String) -> String? {
        if let page = specialtyPage[name] { return root + page }
        return specialtyAnchor[name].map { "\(root)prescribers.html#\($0)" }
    }

    mutating func makeDrugPages(year: Int) {
        let national = curated.kpis.last { $0.year == year }
        let drugCount = curated.generics.filter { $0.year == year }.count
        let products = Dictionary(grouping: curated.drugs.filter { $0.year == year }, by: \.genericName)
        let trends = Dictionary(grouping: curated.trends, by: \.genericName)
        let states = Dictionary(grouping: curated.stateDrugs.filter { $0.year == year }, by: \.genericName)
        let specialties = Dictionary(grouping: curated.specialtyDrugs.filter { $0.year == year }, by: \.genericName)
        var stateNames: [String: String] = [:]
        for s in curated.states where s.year == year { stateNames[s.state] = s.stateName }
        let root = "../"
        for g in curated.generics where g.year == year {
            guard let path = drugPage[g.genericName] else { continue }
            var fragments: [String: Fragment] = [:]
            let brands = (products[g.genericName] ?? []).sorted { ($0.claims, $1.brandName) > ($1.claims, $0.brandName) }
            fragments["products"] = .html(HTMLTable(
                caption: "Products of \(g.genericName), \(year)",
                columns: [.init("Brand name"), .init("Type"), .init("Claims", .count), .init("Drug cost ($)", .dollarsWhole),
                          .init("Cost per claim ($)", .dollars), .init("Cost per day ($)", .dollars)],
                rows: brands.map { d in
                    [.init(d.brandName), .init(d.isGeneric ? "generic" : "brand"), .number(d.claims), .number(d.drugCost),
                     .number(d.costPerClaim), .number(d.costPerDay)]
                }, sortable: false).html)
            let trend = (trends[g.genericName] ?? []).sorted { $0.year < $1.year }
            fragments["trend"] = .html(HTMLTable(
                caption: "\(g.genericName) by data year",
                columns: [.init("Year"), .init("Claims", .count), .init("Change in claims", .change),
                          .init("Drug cost ($)", .dollarsWhole), .init("Change in cost", .change)],
                rows: trend.map { t in
                    [.init(String(t.year), sortKey: Double(t.year)), .number(t.claims), .number(t.yoyClaims),
                     .number(t.drugCost), .number(t.yoyDrugCost)]
                }, sortable: false).html)
            let inStates = (states[g.genericName] ?? []).sorted { ($0.claims, $1.state) > ($1.claims, $0.state) }
            if !inStates.isEmpty {
                fragments["states"] = .html(HTMLTable(
                    caption: "States with the most claims for \(g.genericName) among the \(inStates.count) where it is a top-25 drug, \(year)",
                    columns: [.init("State"), .init("Rank in state", .count), .init("Claims", .count),
                              .init("Drug cost ($)", .dollarsWhole), .init("Prescribers", .count)],
                    rows: inStates.prefix(Self.entityRows).map { d in
                        [.init(stateNames[d.state].map { "\($0) (\(d.state))" } ?? d.state, link: stateLink(d.state, root: root)),
                         .number(d.rank), .number(d.claims), .number(d.drugCost), .number(d.prescribers)]
                    }, sortable: false).html)
            }
            let bySpecialty = (specialties[g.genericName] ?? []).sorted {
                ($0.claims, $1.prescriberType) > ($1.claims, $0.prescriberType)
            }
            if !bySpecialty.isEmpty {
                fragments["specialties"] = .html(HTMLTable(
                    caption: "Specialties with the most claims for \(g.genericName) among the \(bySpecialty.count) where it is a top-10 drug, \(year)",
                    columns: [.init("Specialty"), .init("Rank in specialty", .count), .init("Claims", .count),
                              .init("Drug cost ($)", .dollarsWhole), .init("Prescribers", .count)],
                    rows: bySpecialty.prefix(Self.entityRows).map { d in
                        [.init(Self.specialtyTitle(d.prescriberType), link: specialtyLink(d.prescriberType, root: root)),
                         .number(d.rank), .number(d.claims), .number(d.drugCost), .number(d.prescribers)]
                    }, sortable: false).html)
            }
            search.append(SearchEntry(title: g.genericName, kind: "drug", url: path))
            let context: [String: Any] = [
                "year": String(year), "name": g.genericName, "anchor": drugAnchor[g.genericName] ?? "",
                "rank_claims": Format.count(g.rankClaims), "rank_cost": Format.count(g.rankCost), "drug_count": Format.count(drugCount),
                "claims": Format.count(g.claims), "drug_cost": Format.money(g.drugCost),
                "claim_share": Format.percent(national.map { Double(g.claims) / Double(max(1, $0.claims)) } ?? 0),
                "cost_per_claim": Format.dollars(g.drugCost / Double(max(1, g.claims))),
                "national_cost_per_claim": national.map { Format.dollars($0.costPerClaim) } ?? HumanNumber.missing,
                "prescribers": Format.count(g.prescribers), "brand_count": Format.count(g.brandCount, "product"),
                "generic_share": Format.percent(g.genericClaimShare),
                "has_states": fragments["states"] != nil, "has_specialties": fragments["specialties"] != nil,
                "has_specialty_table": !curated.specialtyDrugs.isEmpty,
                "limit": String(input.drugPageLimit),
            ]
            pages.append(Page(path: path, title: g.genericName, template: "drug", section: "drugs", context: context, fragments: fragments))
        }
    }

    mutating func makeSpecialtyPages(year: Int) {
        let national = curated.kpis.last { $0.year == year }
        let drugs = Dictionary(grouping: curated.specialtyDrugs.filter { $0.year == year }, by: \.prescriberType)
        let states = Dictionary(grouping: curated.stateSpecialties.filter { $0.year == year }, by: \.prescriberType)
        let outliers = Dictionary(grouping: curated.outliers.filter { $0.year == year }, by: \.prescriberType)
        var stateNames: [String: String] = [:]
        for s in curated.states where s.year == year { stateNames[s.state] = s.stateName }
        let root = "../"
        for s in curated.specialties where s.year == year {
            guard let path = specialtyPage[s.prescriberType] else { continue }
            let title = Self.specialtyTitle(s.prescriberType)
            var fragments: [String: Fragment] = [:]
            let top = (drugs[s.prescriberType] ?? []).sorted { $0.rank < $1.rank }
            if !top.isEmpty {
                fragments["drugs"] = .html(HTMLTable(
                    caption: "Top \(top.count) drugs by claims, \(title), \(year)",
                    columns: [.init("Rank", .count), .init("Drug"), .init("Claims", .count), .init("Drug cost ($)", .dollarsWhole),
                              .init("Cost per claim ($)", .dollars), .init("Prescribers", .count)],
                    rows: top.map { d in
                        [.number(d.rank), .init(d.genericName, link: drugLink(d.genericName, root: root)), .number(d.claims),
                         .number(d.drugCost), .number(d.drugCost / Double(max(1, d.claims))), .number(d.prescribers)]
                    }, sortable: false).html)
            }
            let inStates = (states[s.prescriberType] ?? []).sorted { ($0.claims, $1.state) > ($1.claims, $0.state) }
            fragments["states"] = .html(HTMLTable(
                caption: "The \(min(Self.entityRows, inStates.count)) of \(inStates.count) states with the most claims by \(title), \(year)",
                columns: [.init("State"), .init("Prescribers", .count), .init("Claims", .count), .init("Drug cost ($)", .dollarsWhole)],
                rows: inStates.prefix(Self.entityRows).map { d in
                    [.init(stateNames[d.state].map { "\($0) (\(d.state))" } ?? d.state, link: stateLink(d.state, root: root)),
                     .number(d.prescribers), .number(d.claims), .number(d.drugCost)]
                }, sortable: false).html)
            let flagged = (outliers[s.prescriberType] ?? []).sorted(by: Self.fartherFirst)
            if !flagged.isEmpty {
                fragments["outliers"] = .html(outlierTable(
                    caption: "The \(min(Self.outliersShown, flagged.count)) flags farthest from their peers, \(title), \(year)",
                    rows: flagged.prefix(Self.outliersShown), root: root).html)
            }
            search.append(SearchEntry(title: title, kind: "specialty", url: path))
            let context: [String: Any] = [
                "year": String(year), "name": title, "anchor": specialtyAnchor[s.prescriberType] ?? "",
                "prescribers": Format.count(s.prescribers), "claims": Format.count(s.claims),
                "claims_per_prescriber": Format.decimal(Double(s.claims) / Double(max(1, s.prescribers))),
                "drug_cost": Format.money(s.drugCost), "cost_per_claim": Format.dollars(s.costPerClaim),
                "national_cost_per_claim": national.map { Format.dollars($0.costPerClaim) } ?? HumanNumber.missing,
                "claim_share": Format.percent(national.map { Double(s.claims) / Double(max(1, $0.claims)) } ?? 0),
                "generic_share": Format.percent(s.genericClaimShare),
                "has_drugs": fragments["drugs"] != nil, "has_states": !inStates.isEmpty,
                "has_outliers": !flagged.isEmpty, "outlier_flags": Format.count(flagged.count, "flag"),
                "outlier_prescribers": Format.count(Set(flagged.map(\.npi)).count, "prescriber"),
                "outlier_anchor": outlierAnchor[s.prescriberType] ?? "",
            ]
            pages.append(Page(path: path, title: title, template: "specialty", section: "prescribers", context: context, fragments: fragments))
        }
    }
}
