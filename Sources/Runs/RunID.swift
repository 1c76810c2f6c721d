import Foundation

/// Run ids name runs in the order they started: `000042-20261127T031500Z-3f2a9c1d` is a
/// sequence number the lake hands out under its run lock, the UTC start time, then the first
/// 8 hex digits of the run's input hash. The sequence, not the clock, orders runs: two runs in
/// the same second (or after the clock stepped back) keep their order and never share an id.
/// Ids of the form before sequences (`20261127T031500Z-3f2a9c1d`) sort first, by time.
public enum RunID {
    public static func make(sequence: Int, start: Date, inputHash: String) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: start)
        func two(_ v: Int?) -> String { let s = String(v ?? 0); return s.count < 2 ? "0" + s : s }
        let number = String(max(0, sequence))
        let padded = String(repeating: "0", count: max(0, 6 - number.count)) + number
        return "\(padded)-\(c.year ?? 0)\(two(c.month))\(two(c.day))T\(two(c.hour))\(two(c.minute))\(two(c.second))Z-\(inputHash.prefix(8))"
    }

    /// The sequence number of an id; nil for an id from before sequences.
    public static func sequence(of id: String) -> Int? {
        let parts = id.split(separator: "-")
        guard parts.count == 3, parts[0].allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(parts[0])
    }

    /// Run order: by sequence (ids from before sequences first), then by the id's text.
    public static func precedes(_ a: String, _ b: String) -> Bool {
        let sa = sequence(of: a) ?? 0, sb = sequence(of: b) ?? 0
        return sa != sb ? sa < sb : a < b
    }

    /// Whether `text` has the shape of a run id (so user input never names another folder).
    public static func isValid(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        let stamped = parts.suffix(2)
        guard parts.count == 2 || parts.count == 3, stamped.count == 2 else { return false }
        if parts.count == 3 {
            guard (1...12).contains(parts[0].count), parts[0].allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
        }
        let time = stamped.first!, hash = stamped.last!
        return time.count == 16 && hash.count == 8
            && time.allSatisfy { ($0.isASCII && $0.isNumber) || $0 == "T" || $0 == "Z" } && hash.allSatisfy { $0.isASCII && $0.isHexDigit }
    }
}
