import Foundation
import Testing

@testable import Runs

@Suite struct StageRunnerTests {
    final class Counter: @unchecked Sendable { var runs: [StageName] = [] }

    func stages(_ inputs: [StageName: String], counter: Counter, failing: StageName? = nil) -> [Stage] {
        StageName.allCases.map { name in
            Stage(
                name: name, fingerprint: { inputs[name] ?? "x" }, outputsPresent: { true },
                run: {
                    if name == failing { throw RunError.io(path: "p", reason: "boom") }
                    counter.runs.append(name)
                    return "done"
                })
        }
    }

    func lake() -> String { NSTemporaryDirectory() + "rxpipe-runner-\(UUID().uuidString)" }

    @Test func unchangedStagesAreSkippedAndChangedOnesRerun() throws {
        let root = lake()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let counter = Counter()
        var outcomes: [StageOutcome] = []
        try StageRunner(lakeRoot: root).run(stages([:], counter: counter), outcomes: &outcomes) { _ in }
        #expect(counter.runs == StageName.allCases)
        counter.runs = []
        outcomes = []
        try StageRunner(lakeRoot: root).run(stages([:], counter: counter), outcomes: &outcomes) { _ in }
        #expect(counter.runs.isEmpty)
        #expect(outcomes.map(\.status) == Array(repeating: .skipped, count: 5))
        // A template edit changes only render's fingerprint.
        try StageRunner(lakeRoot: root).run(stages([.render: "templates v2"], counter: counter), outcomes: &outcomes) { _ in }
        #expect(counter.runs == [.render])
        counter.runs = []
        try StageRunner(lakeRoot: root, force: true).run(stages([.render: "templates v2"], counter: counter), outcomes: &outcomes) { _ in }
        #expect(counter.runs == StageName.allCases)
    }

    @Test func aFailedStageIsNotRecordedSoTheNextRunRetriesIt() throws {
        let root = lake()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let counter = Counter()
        var outcomes: [StageOutcome] = []
        #expect(throws: RunError.self) {
            try StageRunner(lakeRoot: root).run(stages([:], counter: counter, failing: .transform), outcomes: &outcomes) { _ in }
        }
        #expect(counter.runs == [.ingest, .cleanse])
        #expect(outcomes.last?.status == .failed)
        counter.runs = []
        outcomes = []
        try StageRunner(lakeRoot: root).run(stages([:], counter: counter), outcomes: &outcomes) { _ in }
        #expect(counter.runs == [.transform, .profile, .render])
    }

    @Test func stageRangeLimitsWhatRuns() throws {
        let root = lake()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let counter = Counter()
        var outcomes: [StageOutcome] = []
        try StageRunner(lakeRoot: root, range: .cleanse ... .transform).run(stages([:], counter: counter), outcomes: &outcomes) { _ in }
        #expect(counter.runs == [.cleanse, .transform])
        #expect(outcomes.filter { $0.status == .notRun }.map(\.stage) == [.ingest, .profile, .render])
    }

    @Test func missingOutputsRerunAStage() throws {
        let root = lake()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let counter = Counter()
        var outcomes: [StageOutcome] = []
        try StageRunner(lakeRoot: root).run(stages([:], counter: counter), outcomes: &outcomes) { _ in }
        counter.runs = []
        var s = stages([:], counter: counter)
        s[3].outputsPresent = { false }
        try StageRunner(lakeRoot: root).run(s, outcomes: &outcomes) { _ in }
        #expect(counter.runs == [.profile])
    }
}

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
    @Test func idsSortByTimeAndAreValidated() {
        let id = RunID.make(start: Date(timeIntervalSince1970: 1_795_000_000), inputHash: "3f2a9c1d77")
        #expect(id == "20261118T110640Z-3f2a9c1d")
        #expect(RunID.isValid(id))
        #expect(!RunID.isValid("../../etc"))
        #expect(!RunID.isValid("latest"))
    }
}
