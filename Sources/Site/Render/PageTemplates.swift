import Lake
import Foundation
import Mustache

/// The page templates (`templates/*.md`, Markdown with Mustache tags), the partials
/// (`templates/partials/*.md`) and the HTML layout (`templates/layout.html`).
///
/// Markdown is the default content type of every page template and partial: rxpipe prepends
/// the `CONTENT_TYPE: MARKDOWN` pragma when it loads them (swift-mustache resets partials to
/// HTML otherwise), so `{{name}}` is always escaped for Markdown and only `{{{…}}}` is raw.
public struct PageTemplates: Sendable {
    public let directory: String
    let library: MustacheLibrary
    let layout: MustacheTemplate
    /// Hash of every template file's name and bytes (the render fingerprint uses it).
    public let fingerprint: String

    private static let registration: Void = {
        MustacheContentTypes.register(MarkdownContentType(), named: "MARKDOWN")
    }()

    public init(directory: String) throws(SiteError) {
        _ = Self.registration
        self.directory = directory
        let fm = FileManager.default
        var library = MustacheLibrary()
        var hashInput = ""
        func read(_ path: String) throws(SiteError) -> String {
            guard let data = fm.contents(atPath: path) else { throw .templateMissing(path: path) }
            guard let text = String(data: data, encoding: .utf8) else {
                throw .unreadable(path: path, reason: "not UTF-8 text")
            }
            hashInput += "\(path.count):\(path)\(text.utf8.count):\(text)"
            return text
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
        for sub in ["", "partials/"] {
            let dir = directory + "/" + sub
            let names = ((try? fm.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasSuffix(".md") }.sorted()
            for name in names {
                let path = dir + name
                let template = try parse(try read(path), path: path, markdown: true)
                library.register(template, named: sub + String(name.dropLast(3)))
            }
        }
        let layoutPath = directory + "/layout.html"
        self.layout = try parse(try read(layoutPath), path: layoutPath, markdown: false)
        self.library = library
        self.fingerprint = SHA256Hex.of(Array(hashInput.utf8))
    }

    /// Renders the page template `name` with `context` to Markdown.
    func markdown(_ name: String, context: [String: Any]) throws(SiteError) -> String {
        guard library.getTemplate(named: name) != nil else { throw .templateMissing(path: "\(directory)/\(name).md") }
        return library.render(context, withTemplate: name) ?? ""
    }

    /// Wraps a page body in the layout (HTML content type: `{{title}}` is HTML-escaped).
    func wrap(_ context: [String: Any]) -> String {
        layout.render(context, library: library)
    }
}
