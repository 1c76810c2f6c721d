import Foundation
import Testing

@testable import Runs

@Suite struct RunLockTests {
    @Test func secondLockOnTheSameLakeFailsAndAReleasedLockIsNotStale() throws {
        let root = NSTemporaryDirectory() + "rxpipe-lock-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: root) }
        let first = try RunLock(lakeRoot: root)
        #expect(first.clearedStaleHolder == nil)
        #expect(throws: RunError.locked(lake: root, holder: "pid \(getpid())")) { _ = try RunLock(lakeRoot: root) }
        first.release()
        let again = try RunLock(lakeRoot: root)
        #expect(again.clearedStaleHolder == nil)
        again.release()
    }

    @Test func aLockLeftByADeadProcessIsClearedWithItsHolderNamed() throws {
        let root = NSTemporaryDirectory() + "rxpipe-lock-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        // What a SIGKILLed run leaves: the file names it, but no process holds the flock.
        try "pid 999999\n".write(toFile: root + "/_run.lock", atomically: true, encoding: .utf8)
        let lock = try RunLock(lakeRoot: root)
        #expect(lock.clearedStaleHolder == "pid 999999")
    }
}

@Suite struct RunIDTests {
    @Test func idsCarryTheSequenceThenTheTimeAndAreValidated() {
        let id = RunID.make(sequence: 42, start: Date(timeIntervalSince1970: 1_795_000_000), inputHash: "3f2a9c1d77")
        #expect(id == "000042-20261118T110640Z-3f2a9c1d")
        #expect(RunID.sequence(of: id) == 42)
        #expect(RunID.isValid(id))
        #expect(RunID.isValid("20261118T110640Z-3f2a9c1d"), "ids from before sequences stay valid")
        #expect(RunID.sequence(of: "20261118T110640Z-3f2a9c1d") == nil)
        for bad in ["../../etc", "latest", "-20261118T110640Z-3f2a9c1d", "12a-20261118T110640Z-3f2a9c1d",
                    "1-20261118T110640Z-3f2a9c1d-9", "000001-20261118T110640Z-../../x"] {
            #expect(!RunID.isValid(bad), "\(bad)")
        }
    }

    @Test func theSequenceOrdersRunsNotTheClock() {
        let second = Date(timeIntervalSince1970: 1_795_000_000)
        // Same second, and a hash that sorts the other way: the sequence decides.
        let first = RunID.make(sequence: 9, start: second, inputHash: "ffffffff")
        let next = RunID.make(sequence: 10, start: second, inputHash: "00000000")
        // A clock stepped back an hour: still after.
        let stepped = RunID.make(sequence: 11, start: second.addingTimeInterval(-3600), inputHash: "abcdef01")
        let legacy = "20261118T110640Z-3f2a9c1d"
        #expect([stepped, next, legacy, first].sorted(by: RunID.precedes) == [legacy, first, next, stepped])
    }
}

@Suite struct RunHistoryOrderTests {
    func lake() throws -> String {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("rxpipe-history-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        return root
    }

    /// A completed run whose curated data is `content` (one table's hash).
    func record(_ history: RunHistory, content: String, at second: Date, pseudonymized: Bool = false) throws -> String {
        var r = RunRecord(runID: RunID.make(sequence: history.nextSequence(), start: second, inputHash: "0000000\(content.count)"),
                          rxpipeVersion: "test", configHash: "c")
        r.status = .ok
        r.pseudonymized = pseudonymized
        r.tables = ["kpi_year": .init(rows: 1, contentHash: content, columns: [], types: [])]
        try history.save(r)
        return r.runID
    }

    @Test func twoRunsInTheSameSecondKeepTheirOrderAndTheirRecords() throws {
        let root = try lake()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let history = RunHistory(lakeRoot: root)
        let second = Date(timeIntervalSince1970: 1_795_000_000)
        let a = try record(history, content: "aaaa", at: second)
        let b = try record(history, content: "aaaa", at: second)
        #expect(a != b, "the same inputs in the same second must not overwrite a record")
        #expect(history.ids() == [a, b])
        #expect(try history.resolve("latest") == b)
    }

    @Test func previousIsTheLastDataVersionBeforeTheLatestAsOnTheSite() throws {
        let root = try lake()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let history = RunHistory(lakeRoot: root)
        let t = Date(timeIntervalSince1970: 1_795_000_000)
        let v1 = try record(history, content: "one", at: t)
        _ = try record(history, content: "one", at: t)
        #expect(throws: RunError.noPreviousVersion(completed: history.ids())) { try history.resolve("previous") }
        let v2 = try record(history, content: "two", at: t)
        let rerun = try record(history, content: "two", at: t)
        // A rerun of unchanged data is not "previous": the site's changes page compares v2 with
        // v1, and so does `rxpipe diff previous latest`.
        #expect(try history.resolve("latest") == rerun)
        #expect(try history.resolve("previous") == v1)
        #expect(DataVersions.previousVersion(history.completed())?.runID == v1)
        _ = v2
        // A pseudonymized run is compared only with pseudonymized data.
        let hidden = try record(history, content: "three", at: t, pseudonymized: true)
        #expect(try history.resolve("latest") == hidden)
        #expect(throws: RunError.self) { try history.resolve("previous") }
    }
}
