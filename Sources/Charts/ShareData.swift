import RxCore

/// A labelled value of a part-to-whole chart (donut, treemap).
public struct ShareItem: Sendable, Equatable {
    public var label: String
    public var value: Double
    /// Optional group name; treemap cells of one group share a colour.
    public var group: String?
    public init(_ label: String, _ value: Double, group: String? = nil) {
        self.label = label
        self.value = value
        self.group = group
    }
}

/// Part-to-whole data prepared once: positive finite values, largest first, and what was left out.
struct Shares {
    var items: [ShareItem]
    var total: Double
    /// Items with zero, negative or missing values (cannot be a share).
    var excluded: Int

    init(_ items: [ShareItem], topN: Int? = nil) {
        let usable = items.filter { $0.value.isFinite && $0.value > 0 }
        excluded = items.count - usable.count
        // Stable order: by value, then by label so equal values do not shuffle between runs.
        var sorted = usable.sorted { $0.value != $1.value ? $0.value > $1.value : $0.label < $1.label }
        if let topN, sorted.count > topN + 1 {
            let rest = sorted[max(0, topN)...]
            sorted = Array(sorted[..<max(0, topN)]) + [ShareItem("Other", rest.reduce(0) { $0 + $1.value })]
        }
        self.items = sorted
        total = sorted.reduce(0) { $0 + $1.value }
    }

    func share(_ item: ShareItem) -> Double { total > 0 ? item.value / total : 0 }

    func summary(noun: String, format: HumanNumber) -> String {
        guard let first = items.first, total > 0 else {
            return excluded > 0 ? "No positive values to show (\(excluded) left out)." : "No data to show."
        }
        var sentence = "\(items.count) \(noun) totalling \(format.format(total)); the largest, \(Summaries.label(first.label)), is \(HumanNumber.percent.format(share(first))) of the total"
        if excluded > 0 { sentence += "; \(excluded) with zero, negative or missing values left out" }
        return sentence + "."
    }

    func table(categoryHeading: String, valueHeading: String, format: HumanNumber) -> DataTable {
        DataTable(
            columns: [categoryHeading, valueHeading, "Share"],
            rows: DataTable.rows(labels: items.map(\.label), columns: [format.column(items.map(\.value)), HumanNumber.percent.column(items.map(share))]))
    }
}
