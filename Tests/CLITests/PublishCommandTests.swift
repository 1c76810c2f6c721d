import Foundation
import Testing

@Suite struct PublishCommandTests {
    func makeSite(_ dir: String, gates: String?) throws {
        let files = ["index.html": "<html>i</html>", "assets/app.3f2a9c1d.css": "body{}", "reports/a b.html": "<html>a</html>"]
        for (path, content) in files {
            let url = URL(fileURLWithPath: dir + "/site/" + path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try content.write(to: url, atomically: true, encoding: .utf8)
        }
        if let gates { try gates.write(toFile: dir + "/site/.rxpipe-gates.json", atomically: true, encoding: .utf8) }
    }

    @Test func helpHasExamplesAndHidesTheTestHook() throws {
        let result = try rxpipe(["publish", "--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Examples:"))
        #expect(result.stdout.contains("--allow-failed-gates"))
        #expect(!result.stdout.contains("sign-request"))
    }

    @Test func dryRunPrintsThePlanAndChangesNothing() throws {
        let dir = scratchDirectory("publish-dry")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try makeSite(dir, gates: #"{"passed": true}"#)
        let result = try rxpipe(["publish", "--to", "www", "--site", "site", "--dry-run"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "upload\tassets/app.3f2a9c1d.css\tnew\nupload\treports/a b.html\tnew\nupload\tindex.html\tnew\n3 to upload, 0 unchanged, 0 to delete\n")
        #expect(!FileManager.default.fileExists(atPath: dir + "/www"))
    }

    @Test func publishesToADirectoryTwice() throws {
        let dir = scratchDirectory("publish-dir")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try makeSite(dir, gates: nil)
        let first = try rxpipe(["publish", "--to", "www", "--site", "site"], in: dir)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.hasPrefix("published 3 files to www: 3 uploaded"))
        #expect(first.stderr.contains("no .rxpipe-gates.json"))
        let second = try rxpipe(["publish", "--to", "www", "--site", "site", "--quiet"], in: dir)
        #expect(second.status == 0)
        #expect(second.stdout.contains("0 uploaded (0 bytes), 3 unchanged, 0 deleted; already up to date"))
        #expect(try String(contentsOfFile: dir + "/www/reports/a b.html", encoding: .utf8) == "<html>a</html>")
    }

    @Test func aFailedGateIsRefusedUnlessAllowed() throws {
        let dir = scratchDirectory("publish-gate")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try makeSite(dir, gates: #"{"passed": false, "failed": ["max_quarantine_share: 7.1% > 5%"]}"#)
        let refused = try rxpipe(["publish", "--to", "www", "--site", "site"], in: dir)
        #expect(refused.status == 3)
        #expect(refused.stderr.contains("rxpipe: error: publish: the site in \(dir)/site was built after a failed quality gate (max_quarantine_share: 7.1% > 5%); fix the data or pass --allow-failed-gates"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/www"))
        let allowed = try rxpipe(["publish", "--to", "www", "--site", "site", "--allow-failed-gates"], in: dir)
        #expect(allowed.status == 0, "\(allowed.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/www/.rxpipe-gates.json"))
    }

    @Test func aSiteThatShrinksTooMuchIsRefusedUnlessAllowed() throws {
        let dir = scratchDirectory("publish-shrink")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try makeSite(dir, gates: nil)
        #expect(try rxpipe(["publish", "--to", "www", "--site", "site", "-q"], in: dir).status == 0)
        // A broken render: two of the three published files are gone.
        try FileManager.default.removeItem(atPath: dir + "/site/reports")
        try FileManager.default.removeItem(atPath: dir + "/site/assets")
        let refused = try rxpipe(["publish", "--to", "www", "--site", "site", "-q"], in: dir)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("the new site would delete 2 of the 3 published files (66.7%; limit 50.0%)"))
        #expect(FileManager.default.fileExists(atPath: dir + "/www/reports/a b.html"))
        let loose = try rxpipe(["publish", "--to", "www", "--site", "site", "-q", "--max-delete-share", "0.7"], in: dir)
        #expect(loose.status == 0, "\(loose.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/www/reports/a b.html"))
    }

    @Test func usageErrors() throws {
        let dir = scratchDirectory("publish-usage")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try makeSite(dir, gates: nil)
        let noTarget = try rxpipe(["publish", "--site", "site"], in: dir)
        #expect(noTarget.status == 2)
        #expect(noTarget.stderr.contains("--to is required"))
        let badURL = try rxpipe(["publish", "--to", "ftp://host/x", "--site", "site"], in: dir)
        #expect(badURL.status == 2)
        let endpointForDir = try rxpipe(["publish", "--to", "www", "--endpoint-url", "http://h", "--site", "site"], in: dir)
        #expect(endpointForDir.status == 2)
        try FileManager.default.createDirectory(atPath: dir + "/empty", withIntermediateDirectories: true)
        let emptySite = try rxpipe(["publish", "--to", "www", "--site", "empty"], in: dir)
        #expect(emptySite.status == 1)
        #expect(emptySite.stderr.contains("has no files; nothing was published"))
        let missingSite = try rxpipe(["publish", "--to", "www", "--site", "nope"], in: dir)
        #expect(missingSite.status == 1)
        #expect(missingSite.stderr.contains("site directory \(dir)/nope does not exist"))
    }
}
