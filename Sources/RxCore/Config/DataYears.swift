import Foundation

/// The data years rxpipe accepts: CMS's Part D prescriber data starts with 2013, and no data
/// year can be later than the year rxpipe runs in (`[source] min_year`, `max_year`).
public enum DataYears {
    /// The first year CMS published ("by Provider and Drug" starts with data year 2013).
    public static let first = 2013

    /// The calendar year now (UTC): the default `[source] max_year`.
    public static var currentYear: Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.component(.year, from: Date())
    }

    /// `first`…`currentYear`.
    public static var defaultRange: ClosedRange<Int> { first...max(first, currentYear) }

    /// Why `year` is not accepted ("is outside 2013–2026 ([source] min_year, max_year)"), or nil.
    public static func problem(_ year: Int, in range: ClosedRange<Int>) -> String? {
        range.contains(year) ? nil : "\(year) is outside the data years \(range.lowerBound)–\(range.upperBound) ([source] min_year, max_year)"
    }
}
