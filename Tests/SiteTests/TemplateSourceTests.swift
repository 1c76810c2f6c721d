import EmbeddedDefaults
import Foundation
import Testing

@testable import Site

/// The user's template folder over the built-in templates.
@Suite struct TemplateSourceTests {
    @Test func aFolderWithOneTemplateTakesTheRestFromTheDefaults() throws {
        let folder = try temporaryDirectory("templates")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "# Our own overview\n".write(toFile: folder + "/index.md", atomically: true, encoding: .utf8)
        let source = try TemplateSource(directory: folder)
        #expect(source.names(from: .folder) == ["index.md"])
        #expect(source.files["index.md"]?.bytes == Array("# Our own overview\n".utf8))
        #expect(source.files["layout.html"]?.origin == .embedded)
        #expect(Set(source.files.keys) == Set(EmbeddedDefaults.templates.keys))
        let templates = try PageTemplates(source: source)
        #expect(try templates.markdown("index", context: [:]).contains("Our own overview"))
        #expect(try templates.markdown("drugs", context: [:]).isEmpty == false)
    }

    @Test func aFolderAddsPagesAndPartials() throws {
        let folder = try temporaryDirectory("templates")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/partials", withIntermediateDirectories: true)
        try "Note: {{note}}\n".write(toFile: folder + "/partials/note.md", atomically: true, encoding: .utf8)
        try "{{> partials/note}}".write(toFile: folder + "/extra.md", atomically: true, encoding: .utf8)
        let templates = try PageTemplates(directory: folder)
        #expect(try templates.markdown("extra", context: ["note": "*hi*"]) == "Note: \\*hi\\*\n")
    }

    @Test func noFolderMeansTheBuiltInTemplates() throws {
        let source = try TemplateSource(directory: nil)
        #expect(source.names(from: .folder).isEmpty)
        #expect(source.files.count == EmbeddedDefaults.templates.count)
        // A folder holding the same files renders the same site: same fingerprint.
        #expect(try TemplateSource(directory: repositoryRoot + "/templates").fingerprint == source.fingerprint)
        _ = try StaticAssets(source: source)
    }

    @Test func aMissingFolderIsNamed() {
        #expect(throws: SiteError.templatesFolderMissing(path: "/nonexistent/templates")) {
            try TemplateSource(directory: "/nonexistent/templates")
        }
    }

    @Test func emptySettingUsesTheWorkingDirectorysTemplatesWhenPresent() {
        // Tests run from the repository root, which has templates/.
        #expect(TemplateSource.directory(configured: "") == (FileManager.default.fileExists(atPath: "templates") ? "templates" : nil))
        #expect(TemplateSource.directory(configured: "mine") == "mine")
    }
}
