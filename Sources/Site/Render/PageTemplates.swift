import Lake
import Foundation
import Mustache

/// The page templates (`*.md`, Markdown with Mustache tags), the partials (`partials/*.md`)
/// and the HTML layout (`layout.html`) of a `TemplateSource`: the user's folder over the
/// defaults embedded in rxpipe.
///
/// Markdown is the default content type of every page template and partial: rxpipe prepends
/// the `CONTENT_TYPE: MARKDOWN` pragma when it loads them (swift-mustache resets partials to
/// HTML otherwise), so `{{name}}` is always escaped for Markdown and only `{{{…}}}` is raw.
public struct PageTemplates: Sendable {
    public let source: TemplateSource
    let library: MustacheLibrary
    let layout: MustacheTemplate
    /// Hash of every template and asset file's name and bytes (the render fingerprint uses it).
    public var fingerprint: String { source.fingerprint }

    private static let registration: Void = {
        MustacheContentTypes.register(MarkdownContentType(), named: "MARKDOWN")
    }()

    /// The templates of `directory` over the embedded defaults; nil: the embedded defaults alone.
    public init(directory: String?) throws(SiteError) {
        try self.init(source: TemplateSource(directory: directory))
    }

    public init(source: TemplateSource) throws(SiteError) {
        _ = Self.registration
        self.source = source
        var library = MustacheLibrary()
        func text(_ name: String) throws(SiteError) -> (text: String, path: String) {
            let file = try source.file(name)
            guard let text = String(validating: file.bytes, as: UTF8.self) else {
                throw .unreadable(path: file.displayPath, reason: "not UTF-8 text")
            }
            return (text, file.displayPath)
        }
        func parse(_ text: String, path: String, markdown: Bool) throws(SiteError) -> MustacheTemplate {
            let source = markdown ? "{{% CONTENT_TYPE: MARKDOWN }}\n" + text : text
            do {
                return try MustacheTemplate(string: source)
            } catch let error as MustacheTemplate.ParserError {
                throw .templateSyntax(
                    path: path, line: max(1, error.context.lineNumber - (markdown ? 1 : 0)),
                    column: error.context.columnNumber, reason: "\(error.error)")
            } catch {
                throw .templateSyntax(path: path, line: 1, column: 1, reason: "\(error)")
            }
        }
        for name in source.files.keys.sorted() where name.hasSuffix(".md") {
            let stem = name.dropLast(3)
            let isPage = !stem.contains("/")
            let isPartial = stem.hasPrefix("partials/") && stem.dropFirst(9).contains("/") == false
            guard isPage || isPartial else { continue }
            let (body, path) = try text(name)
            library.register(try parse(body, path: path, markdown: true), named: String(stem))
        }
        let (layoutText, layoutPath) = try text("layout.html")
        self.layout = try parse(layoutText, path: layoutPath, markdown: false)
        self.library = library
    }

    /// Renders the page template `name` with `context` to Markdown.
    func markdown(_ name: String, context: [String: Any]) throws(SiteError) -> String {
        guard library.getTemplate(named: name) != nil else { throw .templateMissing(path: (source.directory ?? "built-in templates") + "/\(name).md") }
        return library.render(context, withTemplate: name) ?? ""
    }

    /// Wraps a page body in the layout (HTML content type: `{{title}}` is HTML-escaped).
    func wrap(_ context: [String: Any]) -> String {
        layout.render(context, library: library)
    }
}
