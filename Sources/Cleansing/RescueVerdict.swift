import Foundation
import RxCore

/// What a row's `_rescued` JSON (written at ingest) means for cleanse: a reject with its
/// message, and notes counted on the row when it is kept.
///
/// Policies (README "Cleansing"):
/// - a field that did not parse as its type, a ragged row (its line span named when it spans
///   several lines: a runaway quote), a NUL byte, text after a closing quote (`"O\"BRIEN"`):
///   reject (`rescued`);
/// - a stray quote inside an unquoted field (`O"BRIEN`): kept as written, counted (`stray_quote`);
/// - invalid UTF-8: repaired as Windows-1252 only when the whole file reads as Windows-1252
///   (`encoding_repair`, counted); in a file that is otherwise UTF-8 the row is rejected with
///   the byte offset;
/// - a row `rxpipe db load` could not load (`_load_rejected`, from PostgreSQL's
///   `rxpipe_load_rejects`): reject (`load_rejected`), its CMS file and line as the location.
struct RescueVerdict {
    var reject: String?
    /// The rule a reject counts under.
    var rule: CleanseRule = .rescued
    var notes: [(rule: CleanseRule, message: String)] = []

    /// Keys that are notes on a field, not a field that failed to parse.
    static let noteKeys: Set<String> = ["_stray_quotes", "_invalid_utf8"]

    static func judge(_ json: String, encoding: SourceFileAccount.Encoding?) -> RescueVerdict {
        guard let data = json.data(using: .utf8), let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            return RescueVerdict(reject: "_rescued is not a JSON object")
        }
        if let reason = object["_load_rejected"] as? String {
            return RescueVerdict(reject: "rxpipe db load could not load this row of the CMS file: \(reason)", rule: .loadRejected)
        }
        var verdict = RescueVerdict()
        var parts: [String] = []
        if let stray = object["_stray_quotes"] as? [String] {
            verdict.notes.append((.strayQuote, "a quote inside the unquoted field \(stray.joined(separator: ", ")), kept as written"))
        }
        if let invalid = object["_invalid_utf8"] as? [String: Any] {
            let located = invalid.keys.sorted().map { "\($0) at byte \((invalid[$0] as? Int).map(String.init) ?? "?")" }
            if encoding == .windows1252 {
                verdict.notes.append((.encodingRepair, "\(invalid.keys.sorted().joined(separator: ", ")) decoded as Windows-1252 (the file is not UTF-8)"))
            } else {
                parts.append("invalid UTF-8 in \(located.joined(separator: ", ")) of the file, which is otherwise UTF-8 (one encoding per file: fix this field)")
            }
        }
        // Everything else rejects the row.
        var rest = object
        for key in noteKeys { rest[key] = nil }
        if rest.isEmpty {
            if !parts.isEmpty { verdict.reject = parts.joined(separator: "; ") }
            return verdict
        }
        let nul = Set(object["_nul"] as? [String] ?? []), quotes = Set(object["_quotes"] as? [String] ?? [])
        if let fields = object["_fields"] as? Int, let expected = object["_expected_fields"] as? Int {
            var text = "ragged row: \(fields) fields where the header has \(expected)"
            if let lines = object["_lines"] as? Int {
                text += "; the record spans \(lines) lines (\(lines - 1) swallowed: a quote opened a field and closed lines later)"
            }
            parts.append(text)
        }
        if object["_record"] != nil { parts.append("record longer than the reader's limit") }
        if let extra = object["_extra_fields"] as? [Any] {
            var text = "\(extra.count) fields beyond the header"
            if object["_fields"] == nil, let lines = object["_lines"] as? Int {
                text += "; the record spans \(lines) lines (\(lines - 1) swallowed: a quote opened a field and closed lines later)"
            }
            parts.append(text)
        }
        if !nul.isEmpty { parts.append("NUL byte in \(nul.sorted().joined(separator: ", "))") }
        if !quotes.isEmpty {
            parts.append("text after the closing quote in \(quotes.sorted().joined(separator: ", ")) (a backslash-escaped quote? CSV doubles quotes: \"O\"\"BRIEN\")")
        }
        let columns = rest.keys.filter { !$0.hasPrefix("_") && !nul.contains($0) && !quotes.contains($0) }.sorted()
        if !columns.isEmpty { parts.append("did not parse: " + columns.joined(separator: ", ")) }
        verdict.reject = parts.isEmpty ? "_rescued holds \(rest.keys.sorted().joined(separator: ", "))" : parts.joined(separator: "; ")
        return verdict
    }
}
