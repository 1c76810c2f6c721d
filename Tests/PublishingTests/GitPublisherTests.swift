import Digests
import Foundation
import Testing

@testable import Publishing

@Suite struct GitPublisherTests {
    /// Runs git in `repo`, returning trimmed stdout; fails the test on a non-zero exit.
    @discardableResult
    func git(_ repo: URL, _ arguments: String...) throws -> String {
        try GitRunner(repository: repo).text(Array(arguments))
    }

    /// A repository with a commit on main, a staged change and an untracked file.
    func makeRepository(_ name: String) throws -> (repo: URL, site: URL) {
        let root = scratch(name)
        let repo = root.appendingPathComponent("repo"), site = root.appendingPathComponent("site")
        try FileManager.default.createDirectory(at: repo, withIntermediateDirectories: true)
        try git(repo, "init", "-q", "-b", "main")
        try git(repo, "config", "user.name", "Test User")
        try git(repo, "config", "user.email", "test@example.org")
        try write(["README.md": Data("readme\n".utf8)], under: repo)
        try git(repo, "add", "README.md")
        try git(repo, "commit", "-q", "-m", "initial")
        try write(["README.md": Data("readme, staged edit\n".utf8), "untracked.txt": Data("u".utf8)], under: repo)
        try git(repo, "add", "README.md")
        try write(["README.md": Data("readme, unstaged edit\n".utf8)], under: repo)
        try write(sampleSite(), under: site)
        return (repo, site)
    }

    /// What the user's checkout looks like: HEAD, status, index bytes, working files.
    func checkoutState(_ repo: URL) throws -> [String] {
        let index = try Data(contentsOf: repo.appendingPathComponent(".git/index"))
        return [
            try git(repo, "rev-parse", "HEAD"), try git(repo, "symbolic-ref", "HEAD"),
            try git(repo, "status", "--porcelain"), Hex.string(SHA256.hash(data: index)),
            String(decoding: try Data(contentsOf: repo.appendingPathComponent("README.md")), as: UTF8.self),
        ]
    }

    func branchContent(_ repo: URL, _ branch: String) throws -> [String: Data] {
        let names = try GitRunner(repository: repo).run(["ls-tree", "-r", "-z", "--name-only", branch])
        var out: [String: Data] = [:]
        for name in names.split(separator: 0) {
            let path = String(decoding: name, as: UTF8.self)
            out[path] = try GitRunner(repository: repo).run(["cat-file", "blob", "\(branch):\(path)"])
        }
        return out
    }

    func publish(_ repo: URL, _ site: URL, branch: String = "gh-pages") throws -> PublishReport {
        try GitPublisher(repository: repo, branch: branch).publish(try SiteInventory.scan(site), events: { _ in })
    }

    @Test func commitsTheSiteAsTheWholeBranchWithoutTouchingTheCheckout() throws {
        let (repo, site) = try makeRepository("git-first")
        let before = try checkoutState(repo)
        let report = try publish(repo, site)
        #expect(report.uploaded == sampleSite().count + 1)
        var expected = sampleSite()
        expected[".nojekyll"] = Data()
        #expect(try branchContent(repo, "gh-pages") == expected)
        #expect(try checkoutState(repo) == before)
        #expect(try git(repo, "rev-parse", "gh-pages") == report.detail)
        #expect(try git(repo, "rev-list", "--count", "gh-pages") == "1")
    }

    @Test func publishingTwiceMakesNoSecondCommit() throws {
        let (repo, site) = try makeRepository("git-idempotent")
        let first = try publish(repo, site)
        let second = try publish(repo, site)
        #expect(second.uploaded == 0 && second.deleted == 0)
        #expect(second.detail == first.detail)
        #expect(try git(repo, "rev-list", "--count", "gh-pages") == "1")
        #expect(try GitPublisher(repository: repo, branch: "gh-pages").plan(try SiteInventory.scan(site)).changesNothing)
    }

    @Test func aChangeIsOneCommitOnTopWithDeletions() throws {
        let (repo, site) = try makeRepository("git-incremental")
        let first = try publish(repo, site)
        let before = try checkoutState(repo)
        try Data("<html>about, revised</html>".utf8).write(to: site.appendingPathComponent("about.html"))
        try FileManager.default.removeItem(at: site.appendingPathComponent("data/a+b.csv"))
        let plan = try GitPublisher(repository: repo, branch: "gh-pages").plan(try SiteInventory.scan(site))
        #expect(plan.uploads.map(\.file.path) == ["about.html"])
        #expect(plan.deletes == ["data/a+b.csv"])
        let second = try publish(repo, site)
        #expect(second.uploaded == 1 && second.deleted == 1)
        #expect(try git(repo, "rev-parse", "gh-pages^") == first.detail)
        var expected = sampleSite()
        expected[".nojekyll"] = Data()
        expected["about.html"] = Data("<html>about, revised</html>".utf8)
        expected["data/a+b.csv"] = nil
        #expect(try branchContent(repo, "gh-pages") == expected)
        #expect(try checkoutState(repo) == before)
    }

    @Test func aCheckedOutBranchIsRefused() throws {
        let (repo, site) = try makeRepository("git-checked-out")
        #expect(throws: PublishError.self) { try publish(repo, site, branch: "main") }
        #expect(throws: PublishError.badTarget("git:bad..name", reason: "not a valid branch name")) {
            try publish(repo, site, branch: "bad..name")
        }
        #expect(try git(repo, "rev-list", "--count", "main") == "1")
    }
}
