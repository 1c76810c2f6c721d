import EmbeddedDefaults
import Foundation
import Testing

/// The templates compiled into rxpipe are exactly the files of `templates/` (and the map
/// geometry exactly `assets/us-states-albers.json`), so the two can never drift.
@Suite struct EmbeddedDefaultsTests {
    @Test func templatesEqualTheTemplatesFolder() throws {
        let folder = repositoryRoot + "/templates"
        var onDisk: [String: [UInt8]] = [:]
        let enumerator = FileManager.default.enumerator(atPath: folder)!
        while let name = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder + "/" + name, isDirectory: &isDirectory) else { continue }
            guard !isDirectory.boolValue, !name.split(separator: "/").contains(where: { $0.hasPrefix(".") }) else { continue }
            onDisk[name] = Array(try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name)))
        }
        #expect(onDisk.keys.contains("layout.html") && onDisk.keys.contains("static/site.css"))
        #expect(EmbeddedDefaults.templates.keys.sorted() == onDisk.keys.sorted())
        for (name, bytes) in onDisk { #expect(EmbeddedDefaults.templates[name] == bytes, "\(name)") }
    }

    @Test func geometryEqualsTheAssetsFile() throws {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: repositoryRoot + "/assets/us-states-albers.json")))
        #expect(EmbeddedDefaults.stateGeometry == bytes)
    }
}
