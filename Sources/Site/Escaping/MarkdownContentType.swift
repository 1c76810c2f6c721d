import Mustache
import RxCore

/// The `MARKDOWN` content type for swift-mustache: `{{value}}` in a page template is escaped
/// for Markdown. Registered once by `PageTemplates`.
struct MarkdownContentType: MustacheContentType {
    func escapeText(_ text: String) -> String { MarkdownEscaping.escape(text) }
}
