import Foundation

@testable import Charts

/// Sample charts of every kind with made-up but plausible Part D figures (not real data).
enum Samples {
    static let source = "Source: CMS Medicare Part D Prescribers, sample data"

    static let drugs: [BarChart.Bar] = [
        .init("Eliquis", 16.48e9), .init("Ozempic", 9.19e9), .init("Jardiance", 7.06e9), .init("Xarelto", 6.31e9),
        .init("Trulicity", 7.37e9), .init("Januvia", 4.09e9), .init("Farxiga", 3.89e9),
        .init("Trelegy Ellipta", 3.21e9), .init("Biktarvy", 3.32e9),
        .init("Insulin Lispro Protamine and Insulin Lispro Mix 75/25 KwikPen", 1.02e9),
    ].sorted { $0.value > $1.value }

    static func bar() -> BarChart {
        BarChart(
            caption: ChartCaption(title: "Top 10 drugs by total drug cost, 2022", subtitle: "Total Part D drug cost, US dollars", source: source),
            bars: drugs, format: .currency, highlighted: 4, valueAxisTitle: "Total drug cost",
            categoryHeading: "Drug", valueHeading: "Total drug cost")
    }

    static let states = ["California", "Texas", "Florida", "New York", "Pennsylvania", "Ohio"]

    static func grouped(_ layout: GroupedBarChart.Layout) -> GroupedBarChart {
        GroupedBarChart(
            caption: ChartCaption(
                title: layout == .stacked ? "Generic and brand cost by state, 2022" : "Generic and brand claims by state, 2022",
                subtitle: layout == .stacked ? "US dollars" : "Claims", source: source),
            categories: states,
            series: [
                .init("Generic", [4.1e9, 3.2e9, 3.0e9, 2.4e9, 1.6e9, 1.5e9]),
                .init("Brand", [12.9e9, 9.8e9, 10.4e9, 8.7e9, 5.9e9, 5.2e9]),
            ],
            layout: layout, format: .currency, categoryHeading: "State")
    }

    static let specialties: [ShareItem] = [
        ShareItem("Internal Medicine", 2.71e8), ShareItem("Family Practice", 2.58e8), ShareItem("Nurse Practitioner", 1.65e8),
        ShareItem("Cardiology", 6.1e7), ShareItem("Psychiatry", 4.3e7), ShareItem("Physician Assistant", 5.2e7),
        ShareItem("Neurology", 1.9e7), ShareItem("Endocrinology", 1.4e7), ShareItem("Nephrology", 1.3e7),
        ShareItem("Ophthalmology", 1.2e7), ShareItem("Urology", 1.0e7), ShareItem("Pulmonary Disease", 9.0e6),
        ShareItem("Gastroenterology", 7.0e6), ShareItem("Rheumatology", 6.0e6), ShareItem("Dermatology", 5.5e6),
    ]

    static func donut() -> DonutChart {
        DonutChart(
            caption: ChartCaption(title: "Claims by prescriber type, 2022", subtitle: "Share of all Part D claims", source: source),
            items: specialties, topN: 6, format: .compact, categoryHeading: "Prescriber type", valueHeading: "Claims")
    }

    static func treemap() -> Treemap {
        Treemap(
            caption: ChartCaption(title: "Claims by prescriber type, 2022", subtitle: "Area is proportional to claims", source: source),
            items: specialties, format: .compact, categoryHeading: "Prescriber type", valueHeading: "Claims")
    }

    static let population: [String: Double] = [
        "AL": 5024279, "AK": 733391, "AZ": 7151502, "AR": 3011524, "CA": 39538223, "CO": 5773714, "CT": 3605944,
        "DE": 989948, "DC": 689545, "FL": 21538187, "GA": 10711908, "HI": 1455271, "ID": 1839106, "IL": 12812508,
        "IN": 6785528, "IA": 3190369, "KS": 2937880, "KY": 4505836, "LA": 4657757, "ME": 1362359, "MD": 6177224,
        "MA": 7029917, "MI": 10077331, "MN": 5706494, "MS": 2961279, "MO": 6154913, "MT": 1084225, "NE": 1961504,
        "NV": 3104614, "NH": 1377529, "NJ": 9288994, "NM": 2117522, "NY": 20201249, "NC": 10439388, "ND": 779094,
        "OH": 11799448, "OK": 3959353, "OR": 4237256, "PA": 13002700, "RI": 1097379, "SC": 5118425, "SD": 886667,
        "TN": 6910840, "TX": 29145505, "UT": 3271616, "VT": 643077, "VA": 8631393, "WA": 7705281, "WV": 1793716,
        "WI": 5893718, "WY": 576851, "PR": 3285874,
    ]

    static func map(_ geometry: USStateGeometry) -> ChoroplethMap {
        var values = population
        values["SD"] = nil  // shows the "no data" fill
        return ChoroplethMap(
            caption: ChartCaption(title: "Resident population by state, 2020", subtitle: "Quantile classes", source: "Source: 2020 Census"),
            geometry: geometry, values: values, classification: .quantile(classes: 5), palette: .sequential,
            format: .compact, legendTitle: "Residents", valueHeading: "Residents")
    }

    /// A made-up change in claims (−12 % … +14 %), deterministic per state.
    static func change(_ postal: String) -> Double {
        let seed = postal.unicodeScalars.reduce(7) { ($0 * 31 + Int($1.value)) % 1009 }
        return Double(seed % 27 - 12) / 100
    }

    static func divergingMap(_ geometry: USStateGeometry) -> ChoroplethMap {
        ChoroplethMap(
            caption: ChartCaption(title: "Change in claims per beneficiary, 2021 to 2022", source: source),
            geometry: geometry, values: Dictionary(uniqueKeysWithValues: population.keys.map { ($0, change($0)) }),
            classification: .equalInterval(classes: 5), palette: .diverging, format: .percent, legendTitle: "Change",
            valueHeading: "Change")
    }

    static func line() -> LineChart {
        LineChart(
            caption: ChartCaption(title: "Total drug cost by data year", subtitle: "US dollars", source: source),
            xLabels: ["2017", "2018", "2019", "2020", "2021", "2022"],
            series: [
                .init("Brand", [118e9, 126e9, 139e9, 152e9, 167e9, 181e9]),
                .init("Generic", [28e9, 27e9, 26e9, .nan, 25e9, 24e9]),
                .init("Biosimilar", [0.1e9, 0.2e9, 0.5e9, 1.1e9, 1.9e9, 2.8e9]),
            ], format: .currency, yAxisTitle: "Total drug cost")
    }

    static func sparkline() -> Sparkline {
        Sparkline(title: "Claims per year", values: [1.42e9, 1.45e9, 1.49e9, 1.51e9, 1.55e9, 1.57e9], labels: ["2017", "2018", "2019", "2020", "2021", "2022"])
    }

    static func histogram(_ scale: Histogram.XScale) -> Histogram {
        let bins: [Histogram.Bin]
        switch scale {
        case .linear:
            let counts: [Double] = [120, 860, 2400, 4100, 5200, 4800, 3600, 2100, 1200, 600, 240, 90]
            bins = counts.enumerated().map { Histogram.Bin(lower: Double($0.offset) * 5, upper: Double($0.offset + 1) * 5, count: $0.element) }
        case .logarithmic:
            let counts: [Double] = [35000, 81000, 142000, 121000, 66000, 23000, 6100, 900, 80]
            bins = counts.enumerated().map { Histogram.Bin(lower: pow(10, Double($0.offset) * 0.5 + 1), upper: pow(10, Double($0.offset + 1) * 0.5 + 1), count: $0.element) }
        }
        return Histogram(
            caption: ChartCaption(
                title: scale == .linear ? "Distribution of days supply per claim" : "Distribution of total drug cost per prescriber",
                source: source),
            bins: bins, xScale: scale, xFormat: scale == .linear ? .integer : .currency,
            xAxisTitle: scale == .linear ? "Days supply per claim" : "Total drug cost", yAxisTitle: "Prescribers")
    }

    static func heatmap() -> CorrelationHeatmap {
        let labels = ["Total claims", "30-day fills", "Total drug cost", "Beneficiaries", "Cost per claim", "Share 65+"]
        let m: [[Double]] = [
            [1, 0.97, 0.72, 0.88, -0.12, 0.31],
            [0.97, 1, 0.70, 0.85, -0.10, 0.29],
            [0.72, 0.70, 1, 0.64, 0.46, 0.08],
            [0.88, 0.85, 0.64, 1, -0.22, 0.41],
            [-0.12, -0.10, 0.46, -0.22, 1, -0.35],
            [0.31, 0.29, 0.08, 0.41, -0.35, 1],
        ]
        return CorrelationHeatmap(caption: ChartCaption(title: "Correlation of prescriber measures, 2022", source: source), labels: labels, matrix: m)
    }

    /// Every sample, by golden-file name.
    static func all(_ geometry: USStateGeometry) -> [ChartJob] {
        [
            ChartJob(name: "bar", chart: bar()),
            ChartJob(name: "bar-grouped", chart: grouped(.grouped)),
            ChartJob(name: "bar-stacked", chart: grouped(.stacked)),
            ChartJob(name: "donut", chart: donut()),
            ChartJob(name: "treemap", chart: treemap()),
            ChartJob(name: "map", chart: map(geometry)),
            ChartJob(name: "map-diverging", chart: divergingMap(geometry)),
            ChartJob(name: "locator-ri", chart: LocatorMap(geometry: geometry, highlight: "RI")),
            ChartJob(name: "locator-ak", chart: LocatorMap(geometry: geometry, highlight: "AK")),
            ChartJob(name: "line", chart: line()),
            ChartJob(name: "sparkline", chart: sparkline()),
            ChartJob(name: "histogram", chart: histogram(.linear)),
            ChartJob(name: "histogram-log", chart: histogram(.logarithmic)),
            ChartJob(name: "heatmap", chart: heatmap()),
        ]
    }
}
