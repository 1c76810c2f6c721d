import CCmarkGFM
import Foundation

/// GitHub-flavoured Markdown to HTML with cmark-gfm in safe mode: raw HTML is omitted and
/// `javascript:`/`data:` links lose their href, so untrusted text cannot inject markup.
///
/// The corresponding C functions are `cmark_parser_feed` and `cmark_render_html`.
public enum Markdown {
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case extensionMissing(String)
        case outOfMemory

        public var description: String {
            switch self {
            case .extensionMissing(let name):
                return "cmark-gfm: the '\(name)' extension is not available; install libcmark-gfm-extensions-dev (make setup)"
            case .outOfMemory: return "cmark-gfm: out of memory while rendering Markdown"
            }
        }
    }

    /// The GFM extensions every rxpipe page uses.
    public static let extensions = ["table", "strikethrough", "autolink", "tagfilter"]

    /// cmark-gfm is not thread-safe: its parser adds and removes the extensions' characters
    /// (`~` for strikethrough, `w` and `:` for autolinks) in one global table while it parses,
    /// so a page rendered beside another lost its strikethrough and autolinks at random
    /// (github/cmark-gfm inlines.c `SPECIAL_CHARS`). One parse at a time; pages still render in
    /// parallel around it.
    private static let parsing = NSLock()

    /// Renders `markdown` as an HTML fragment. Safe mode is cmark-gfm's default; we never pass UNSAFE.
    public static func html(_ markdown: String) throws -> String {
        parsing.lock()
        defer { parsing.unlock() }
        cmark_gfm_core_extensions_ensure_registered()
        let options = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8 | CMARK_OPT_GITHUB_PRE_LANG
        guard let parser = cmark_parser_new(options) else { throw Failure.outOfMemory }
        defer { cmark_parser_free(parser) }
        for name in extensions {
            guard let ext = cmark_find_syntax_extension(name),
                cmark_parser_attach_syntax_extension(parser, ext) == 1
            else { throw Failure.extensionMissing(name) }
        }
        cmark_parser_feed(parser, markdown, markdown.utf8.count)
        guard let document = cmark_parser_finish(parser) else { throw Failure.outOfMemory }
        defer { cmark_node_free(document) }
        guard let rendered = cmark_render_html(document, options, cmark_parser_get_syntax_extensions(parser)) else {
            throw Failure.outOfMemory
        }
        defer { free(rendered) }
        return String(cString: rendered)
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
