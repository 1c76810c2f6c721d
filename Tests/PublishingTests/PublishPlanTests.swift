import Testing

@testable import Publishing

@Suite struct PublishPlanTests {
    func file(_ path: String, _ digest: String) -> SiteFile { SiteFile(path: path, size: 1, sha256: digest, md5: digest) }

    @Test func assetsBeforeNewPagesBeforeChangedPagesBeforeRootIndex() {
        let local = [
            file("about.html", "2"), file("assets/app.css", "2"), file("index.html", "2"), file("new.html", "1"),
            file("charts/a.svg", "1"), file("same.html", "1"),
        ]
        let remote = ["about.html": "1", "assets/app.css": "1", "index.html": "1", "same.html": "1", "gone.html": "1", "old.png": "1"]
        let plan = PublishPlan.make(local: local, localDigest: \.sha256, remote: remote)
        #expect(plan.uploads.map(\.file.path) == ["assets/app.css", "charts/a.svg", "new.html", "about.html", "index.html"])
        #expect(plan.uploads.map(\.reason) == [.changed, .new, .new, .changed, .changed])
        #expect(plan.uploads.map(\.phase) == [0, 0, 1, 2, 3])
        #expect(plan.keeps == ["same.html"])
        #expect(plan.deletes == ["gone.html", "old.png"])
        #expect(plan.render().hasSuffix("5 to upload, 1 unchanged, 2 to delete\n"))
        #expect(plan.render().contains("upload\tnew.html\tnew\n"))
        #expect(plan.render().contains("delete\tgone.html\n"))
    }

    @Test func identicalSidesChangeNothing() {
        let local = [file("index.html", "1"), file("a.css", "2")]
        let plan = PublishPlan.make(local: local, localDigest: \.sha256, remote: ["index.html": "1", "a.css": "2"])
        #expect(plan.changesNothing)
        #expect(plan.keeps == ["index.html", "a.css"])
    }

    @Test func shrinkGuardCountsWhatIsPublishedNow() {
        let remote = Dictionary(uniqueKeysWithValues: (0..<10).map { ("p\($0).html", "1") })
        let half = PublishPlan.make(local: (0..<5).map { file("p\($0).html", "1") }, localDigest: \.sha256, remote: remote)
        #expect(half.publishedNow == 10)
        #expect(half.shrinkRefusal(maxShare: 0.5) == nil)
        let most = PublishPlan.make(local: [file("p0.html", "2"), file("new.html", "1")], localDigest: \.sha256, remote: remote)
        #expect(most.deletes.count == 9)
        #expect(most.shrinkRefusal(maxShare: 0.5)?.hasPrefix("the new site would delete 9 of the 10 published files (90.0%; limit 50.0%)") == true)
        #expect(PublishPlan.make(local: [file("a.html", "1")], localDigest: \.sha256, remote: [:]).shrinkRefusal(maxShare: 0) == nil)
    }
}
