import Foundation
import Testing

@testable import Pipeline
import Runs

/// A stage made of closures: the runner's decisions without the real stages' work.
struct ClosureStage: Stage {
    var name: StageName
    var fingerprintOf: () throws -> String
    var outputsPresentNow: () -> Bool
    var work: () throws -> String

    func fingerprint() throws -> String { try fingerprintOf() }
    func outputsPresent() -> Bool { outputsPresentNow() }
    func run() throws -> String { try work() }
}

@Suite struct StageRunnerTests {
    final class Counter: @unchecked Sendable { var runs: [StageName] = [] }

    func stages(_ inputs: [StageName: String], counter: Counter, failing: StageName? = nil) -> [ClosureStage] {
        StageName.allCases.map { name in
            ClosureStage(
                name: name, fingerprintOf: { inputs[name] ?? "x" }, outputsPresentNow: { true },
                work: {
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
        let asked = Counter()
        let watched = stages([:], counter: counter).map { stage in
            var s = stage
            s.fingerprintOf = { asked.runs.append(stage.name); return "x" }
            s.outputsPresentNow = { asked.runs.append(stage.name); return true }
            return s
        }
        try StageRunner(lakeRoot: root, range: .cleanse ... .transform).run(watched, outcomes: &outcomes) { _ in }
        #expect(counter.runs == [.cleanse, .transform])
        #expect(outcomes.filter { $0.status == .notRun }.map(\.stage) == [.ingest, .profile, .render])
        #expect(Set(asked.runs) == [.cleanse, .transform], "a stage outside the range is neither fingerprinted nor asked for its outputs")
    }

    @Test func missingOutputsRerunAStage() throws {
        let root = lake()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let counter = Counter()
        var outcomes: [StageOutcome] = []
        try StageRunner(lakeRoot: root).run(stages([:], counter: counter), outcomes: &outcomes) { _ in }
        counter.runs = []
        var s = stages([:], counter: counter)
        s[3].outputsPresentNow = { false }
        try StageRunner(lakeRoot: root).run(s, outcomes: &outcomes) { _ in }
        #expect(counter.runs == [.profile])
    }
}
