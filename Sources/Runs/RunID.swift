import Foundation

/// Run ids sort by time: `20261127T031500Z-3f2a9c1d` (UTC start time, then the first 8 hex
/// digits of the run's input hash).
public enum RunID {
    public static func make(start: Date, inputHash: String) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: start)
        func two(_ v: Int?) -> String { let s = String(v ?? 0); return s.count < 2 ? "0" + s : s }
        return "\(c.year ?? 0)\(two(c.month))\(two(c.day))T\(two(c.hour))\(two(c.minute))\(two(c.second))Z-\(inputHash.prefix(8))"
    }

    /// Whether `text` has the shape of a run id (so user input never names another folder).
    public static func isValid(_ text: String) -> Bool {
        let parts = text.split(separator: "-")
        guard parts.count == 2, parts[0].count == 16, parts[1].count == 8 else { return false }
        return parts[0].allSatisfy { $0.isNumber || $0 == "T" || $0 == "Z" } && parts[1].allSatisfy(\.isHexDigit)
    }
}
