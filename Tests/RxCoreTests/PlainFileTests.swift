import Foundation
import Testing

@testable import RxCore

/// A failed write names the path and the system's reason, never a Foundation error dump.
@Suite struct PlainFileTests {
    @Test func aFullDiskSaysSo() {
        #expect {
            try PlainFile.write(Array(repeating: 1, count: 10_000), to: "/dev/full")
        } throws: { error in
            (error as? PlainFileError) == PlainFileError(path: "/dev/full", reason: "No space left on device")
        }
    }

    @Test func aFolderUnderAFileIsNotADirectory() throws {
        let dir = NSTemporaryDirectory() + "plainfile-\(getpid())"
        try PlainFile.makeDirectories(dir)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try PlainFile.write(Array("x".utf8), to: dir + "/file")
        #expect {
            try PlainFile.makeDirectories(dir + "/file/sub")
        } throws: { error in
            (error as? PlainFileError).map { $0.path == dir + "/file/sub" && $0.reason == "Not a directory" } ?? false
        }
        #expect {
            try PlainFile.write([1], to: dir + "/missing/x")
        } throws: { error in
            "\(error)" == "\(dir)/missing/x: No such file or directory"
        }
        // Existing folders are fine; written bytes read back.
        try PlainFile.makeDirectories(dir + "/a/b")
        try PlainFile.makeDirectories(dir + "/a/b")
        try PlainFile.write([0, 1, 2], to: dir + "/a/b/c")
        #expect(FileManager.default.contents(atPath: dir + "/a/b/c") == Data([0, 1, 2]))
    }

    @Test func replaceSwapsTheWholeFileAndLeavesNoTemporaryBehind() throws {
        let dir = NSTemporaryDirectory() + "plainfile-replace-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/runs/quality.json"
        try PlainFile.replace(Array("first".utf8), at: path)
        try PlainFile.replace(Array("second".utf8), at: path)
        #expect(FileManager.default.contents(atPath: path) == Data("second".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/runs") == ["quality.json"])
    }

    @Test func aFailedReplaceKeepsTheOldFileAndNamesThePath() throws {
        let dir = NSTemporaryDirectory() + "plainfile-replace-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/quality.json"
        try PlainFile.replace(Array("old".utf8), at: path)
        // A directory where the file goes cannot be replaced by a file.
        try PlainFile.makeDirectories(dir + "/taken")
        try PlainFile.write([1], to: dir + "/taken/x")
        #expect {
            try PlainFile.replace(Array("new".utf8), at: dir + "/taken")
        } throws: { error in
            (error as? PlainFileError)?.path == dir + "/taken"
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["quality.json", "taken"])
        #expect(FileManager.default.contents(atPath: path) == Data("old".utf8))
    }
}
