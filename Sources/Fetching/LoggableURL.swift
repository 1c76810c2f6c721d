import Foundation

/// A URL as it may appear in logs and errors: user, password, query and fragment removed (a
/// signed or token-bearing URL keeps its secret out of cron mail and CI logs).
public enum LoggableURL {
    public static func text(_ url: URL) -> String {
        guard var parts = URLComponents(url: url, resolvingAgainstBaseURL: true) else { return "(unparsable URL)" }
        let hadQuery = parts.query != nil
        parts.user = nil
        parts.password = nil
        parts.query = nil
        parts.fragment = nil
        return (parts.string ?? "(unparsable URL)") + (hadQuery ? "?…" : "")
    }

    public static func text(_ string: String) -> String {
        URL(string: string).map { text($0) } ?? "(unparsable URL)"
    }
}
