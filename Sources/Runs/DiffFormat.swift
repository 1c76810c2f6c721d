/// `rxpipe diff` output: text for a terminal, Markdown for GitHub and the site's changes page
/// (the same `DiffReport`, data escaped), JSON (raw numbers, docs/runs.md) for scripts.
public enum DiffFormat: String, CaseIterable, Sendable {
    case text, markdown, json

    public func render(_ diff: RunDiff) throws(RunError) -> String {
        switch self {
        case .json: return String(decoding: try JSONCoding.encode(diff), as: UTF8.self)
        case .text: return DiffReport(diff: diff).document.render(markdown: false)
        case .markdown: return DiffReport(diff: diff).document.render(markdown: true)
        }
    }
}
