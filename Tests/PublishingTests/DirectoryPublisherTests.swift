import Foundation
import Testing

@testable import Publishing

@Suite struct DirectoryPublisherTests {
    func publish(_ site: URL, to target: URL) throws -> (PublishPlan, PublishReport, EventLog) {
        let inventory = try SiteInventory.scan(site)
        let publisher = DirectoryPublisher(target: target)
        let plan = try publisher.plan(inventory)
        let log = EventLog()
        let report = try publisher.publish(inventory, events: log.record)
        return (plan, report, log)
    }

    func inode(_ url: URL) throws -> UInt64 {
        try #require(FileManager.default.attributesOfItem(atPath: url.path)[.systemFileNumber] as? UInt64)
    }

    @Test func firstPublishCopiesEverythingAndExcludesTheGateRecord() throws {
        let root = scratch("dir-first")
        let site = root.appendingPathComponent("site"), target = root.appendingPathComponent("www")
        try write(sampleSite(), under: site)
        try Data(#"{"passed": true}"#.utf8).write(to: site.appendingPathComponent(GateRecord.fileName))
        let (plan, report, log) = try publish(site, to: target)
        #expect(plan.uploads.count == sampleSite().count)
        #expect(report.uploaded == sampleSite().count && report.deleted == 0)
        #expect(try readTree(target) == sampleSite())
        #expect(Set(log.uploaded) == Set(sampleSite().keys))
        // Nothing left beside the target but the lock file.
        let siblings = try FileManager.default.contentsOfDirectory(atPath: root.path).sorted()
        #expect(siblings == [".www.rxpipe-lock", "site", "www"])
    }

    @Test func incrementalPublishLinksUnchangedFilesAndDeletesGoneOnes() throws {
        let root = scratch("dir-incremental")
        let site = root.appendingPathComponent("site"), target = root.appendingPathComponent("www")
        try write(sampleSite(), under: site)
        _ = try publish(site, to: target)
        let keptInode = try inode(target.appendingPathComponent("charts/bar.png"))
        try Data("<html>about, revised</html>".utf8).write(to: site.appendingPathComponent("about.html"))
        try FileManager.default.removeItem(at: site.appendingPathComponent("reports/drug list.html"))
        try write(["reports/new page.html": Data("<html>new</html>".utf8)], under: site)
        let (plan, report, log) = try publish(site, to: target)
        #expect(plan.uploads.map(\.file.path) == ["reports/new page.html", "about.html"])
        #expect(plan.deletes == ["reports/drug list.html"])
        #expect(report.uploaded == 2 && report.deleted == 1 && report.kept == sampleSite().count - 2)
        #expect(log.deleted == ["reports/drug list.html"])
        var expected = sampleSite()
        expected["about.html"] = Data("<html>about, revised</html>".utf8)
        expected["reports/drug list.html"] = nil
        expected["reports/new page.html"] = Data("<html>new</html>".utf8)
        #expect(try readTree(target) == expected)
        // Unchanged files were hard-linked from the old tree, not copied.
        #expect(try inode(target.appendingPathComponent("charts/bar.png")) == keptInode)
    }

    @Test func secondPublishChangesNothing() throws {
        let root = scratch("dir-idempotent")
        let site = root.appendingPathComponent("site"), target = root.appendingPathComponent("www")
        try write(sampleSite(), under: site)
        _ = try publish(site, to: target)
        let before = try inode(target)
        let fileBefore = try FileManager.default.attributesOfItem(atPath: target.appendingPathComponent("index.html").path)
        let (plan, report, _) = try publish(site, to: target)
        #expect(plan.changesNothing)
        #expect(report == PublishReport(uploaded: 0, kept: sampleSite().count, deleted: 0, bytesUploaded: 0, detail: "unchanged"))
        #expect(try inode(target) == before)
        let fileAfter = try FileManager.default.attributesOfItem(atPath: target.appendingPathComponent("index.html").path)
        #expect(fileAfter[.modificationDate] as? Date == fileBefore[.modificationDate] as? Date)
        #expect(fileAfter[.systemFileNumber] as? UInt64 == fileBefore[.systemFileNumber] as? UInt64)
    }

    @Test func readersNeverSeeAMissingFileDuringSwaps() throws {
        let root = scratch("dir-atomic")
        let siteA = root.appendingPathComponent("a"), siteB = root.appendingPathComponent("b")
        let target = root.appendingPathComponent("www")
        var a = sampleSite(), b = sampleSite()
        a["index.html"] = Data("version A".utf8)
        b["index.html"] = Data("version B".utf8)
        b["about.html"] = nil
        b["b-only.html"] = Data("b".utf8)
        try write(a, under: siteA)
        try write(b, under: siteB)
        _ = try publish(siteA, to: target)
        let stop = Flag()
        let misses = Counter()
        let reads = Counter()
        let reader = Thread {
            while !stop.isSet {
                for path in ["index.html", "assets/app.3f2a9c1d.css", "data/nested/deep/table.csv"] {
                    if let data = FileManager.default.contents(atPath: target.appendingPathComponent(path).path) {
                        if path == "index.html" && data != Data("version A".utf8) && data != Data("version B".utf8) { misses.add() }
                    } else {
                        misses.add()
                    }
                    reads.add()
                }
            }
            stop.finish()
        }
        reader.start()
        for round in 0..<40 { _ = try publish(round % 2 == 0 ? siteB : siteA, to: target) }
        stop.set()
        stop.waitFinished()
        #expect(reads.value > 100)
        #expect(misses.value == 0)
        #expect(try readTree(target) == a)
    }

    @Test func aFailedBuildLeavesTheTargetWhole() throws {
        let root = scratch("dir-failure")
        let site = root.appendingPathComponent("site"), target = root.appendingPathComponent("www")
        try write(sampleSite(), under: site)
        _ = try publish(site, to: target)
        try Data("<html>changed</html>".utf8).write(to: site.appendingPathComponent("about.html"))
        try Data("<html>changed too</html>".utf8).write(to: site.appendingPathComponent("index.html"))
        let inventory = try SiteInventory.scan(site)
        // The site loses a file after it was scanned: the copy fails midway.
        try FileManager.default.removeItem(at: site.appendingPathComponent("about.html"))
        let publisher = DirectoryPublisher(target: target)
        #expect(throws: PublishError.self) { try publisher.publish(inventory, events: { _ in }) }
        #expect(try readTree(target) == sampleSite())
        #expect(!FileManager.default.fileExists(atPath: publisher.staging.path))
    }

    @Test func overlappingSiteAndTargetAreRefused() throws {
        let root = scratch("dir-overlap")
        try write(sampleSite(), under: root.appendingPathComponent("site"))
        let inventory = try SiteInventory.scan(root.appendingPathComponent("site"))
        #expect(throws: PublishError.badTarget(root.appendingPathComponent("site/out").path, reason: "the target and the site directory \(root.appendingPathComponent("site").path) overlap")) {
            try DirectoryPublisher(target: root.appendingPathComponent("site/out")).plan(inventory)
        }
    }
}

final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    private let done = DispatchSemaphore(value: 0)
    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
    func finish() { done.signal() }
    func waitFinished() { done.wait() }
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    var value: Int { lock.withLock { count } }
    func add() { lock.withLock { count += 1 } }
}
