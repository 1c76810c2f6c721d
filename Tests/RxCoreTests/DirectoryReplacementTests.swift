import Foundation
import RxCore
import Testing

@Suite struct DirectoryReplacementTests {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("rxpipe-swap-\(UUID().uuidString)").path

    func tree(_ name: String, file: String) throws -> String {
        let path = root + "/" + name
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try file.write(toFile: path + "/index.html", atomically: true, encoding: .utf8)
        return path
    }

    func index(_ dir: String) -> String? { try? String(contentsOfFile: dir + "/index.html", encoding: .utf8) }

    @Test(arguments: [DirectoryReplacement.Fallback.twoRenames, .refuse])
    func theNewTreeTakesThePlaceOfTheOldAndTheStagingIsGone(fallback: DirectoryReplacement.Fallback) throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        let target = try tree("site", file: "old"), staged = try tree("staged", file: "new")
        try DirectoryReplacement.replace(target, with: staged, fallback: fallback)
        #expect(index(target) == "new")
        #expect(!FileManager.default.fileExists(atPath: staged))
        // The first time there is nothing to exchange with.
        let fresh = root + "/fresh", staged2 = try tree("staged2", file: "first")
        try DirectoryReplacement.replace(fresh, with: staged2, fallback: fallback)
        #expect(index(fresh) == "first")
    }

    @Test func aFileWhereTheDirectoryGoesIsRefusedAndLeftAlone() throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        let staged = try tree("staged", file: "new")
        let target = root + "/site"
        try "not a site".write(toFile: target, atomically: true, encoding: .utf8)
        #expect(throws: DirectoryReplacement.Failure(path: target, step: "replace", reason: "exists and is not a directory")) {
            try DirectoryReplacement.replace(target, with: staged, fallback: .twoRenames)
        }
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "not a site")
        #expect(index(staged) == "new")
    }
}
