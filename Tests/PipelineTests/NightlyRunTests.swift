import Foundation
import Ingestion
import Pipeline
import Runs
import RxCore
import Testing

/// `rxpipe run` end to end with the real stages on a small generated source, in a lake of its own.
@Suite struct NightlyRunTests {
    /// A lake, a site folder and a 2-year CMS-shaped source of `rows` rows a year.
    struct Workspace {
        let root: String
        var config: RxpipeConfig

        init(rows: Int = 1_500) throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("rxpipe-pipeline-\(UUID().uuidString)").path
            config = RxpipeConfig.defaults()
            config.source.path = root + "/source"
            config.lake.root = root + "/lake"
            config.site.dir = root + "/site"
            _ = try SampleGenerator(options: SampleOptions(
                rows: rows, years: 2021...2022, seed: 7, outputDirectory: config.source.path, compression: .none, faults: 0)).run()
        }

        func run(force: Bool = false, range: ClosedRange<StageName> = .ingest ... .render, publishOnGateFailure: Bool = true) throws -> RunRecord {
            try NightlyRun(config: config, force: force, range: range, publishOnGateFailure: publishOnGateFailure, quiet: true).execute()
        }

        var index: Data? { FileManager.default.contents(atPath: config.site.dir + "/index.html") }
        func remove() { try? FileManager.default.removeItem(atPath: root) }
    }

    func statuses(_ record: RunRecord) -> [StageName: StageOutcome.Status] {
        Dictionary(uniqueKeysWithValues: record.stages.map { ($0.stage, $0.status) })
    }

    @Test func aRerunOfUnchangedInputsSkipsEveryStageAndForceRunsThemAll() throws {
        let w = try Workspace()
        defer { w.remove() }
        let first = try w.run()
        #expect(first.status == .ok)
        #expect(first.stages.map(\.status) == Array(repeating: .ran, count: 5))
        let site = try #require(w.index)

        let again = try w.run()
        #expect(again.stages.map(\.status) == Array(repeating: .skipped, count: 5))
        #expect(w.index == site, "a no-change rerun leaves the site's bytes as they were")

        let forced = try w.run(force: true)
        #expect(forced.stages.map(\.status) == Array(repeating: .ran, count: 5))
        #expect(RunHistory(lakeRoot: w.config.lake.root).ids() == [first.runID, again.runID, forced.runID])
    }

    @Test func aStageRangeRunsOnlyItsStages() throws {
        let w = try Workspace()
        defer { w.remove() }
        let record = try w.run(range: .ingest ... .transform)
        #expect(statuses(record) == [.ingest: .ran, .cleanse: .ran, .transform: .ran, .profile: .notRun, .render: .notRun])
        #expect(w.index == nil)
    }

    @Test func aFailedGateKeepsThePreviousSiteWhenAskedAndRendersItsBannerOtherwise() throws {
        var w = try Workspace()
        defer { w.remove() }
        _ = try w.run()
        let site = try #require(w.index)

        w.config.quality.requiredYears = [2013]
        let kept = try w.run(publishOnGateFailure: false)
        #expect(kept.status == .gateFailed)
        #expect(kept.gates.contains { !$0.passed && $0.name == "required_years" })
        #expect(statuses(kept)[.render] == .notRun)
        #expect(w.index == site, "the site of the run before stays, byte for byte")

        let published = try w.run(publishOnGateFailure: true)
        #expect(published.status == .gateFailed)
        #expect(statuses(published)[.render] == .ran)
        #expect(w.index != site, "the gate-failed data is rendered, with its banner")
    }

    @Test func anEmptySourceIsAGateFailureThatKeepsTheSite() throws {
        let w = try Workspace()
        defer { w.remove() }
        _ = try w.run()
        let site = try #require(w.index)
        for file in try FileManager.default.contentsOfDirectory(atPath: w.config.source.path) {
            try FileManager.default.removeItem(atPath: w.config.source.path + "/" + file)
        }
        let empty = try w.run()
        #expect(empty.status == .gateFailed)
        #expect(empty.gates.map(\.name) == ["non_empty"])
        #expect(w.index == site)
    }

    @Test func aFailingStageIsRecordedAndStopsTheRunWithItsExitCode() throws {
        let w = try Workspace(rows: 200)
        defer { w.remove() }
        try "npi,nothing else\n1,2\n".write(toFile: w.config.source.path + "/broken-2023.csv", atomically: true, encoding: .utf8)
        var thrown: RunError?
        do { _ = try w.run() } catch let error as RunError { thrown = error }
        guard case .stageFailed(let stage, let reason, let exitCode) = thrown else {
            Issue.record("expected a stage failure, got \(String(describing: thrown))")
            return
        }
        #expect(stage == "ingest")
        #expect(reason.contains("broken-2023.csv"), "the message names the file: \(reason)")
        #expect(exitCode == 1)
        let record = try #require(RunHistory(lakeRoot: w.config.lake.root).records().last)
        #expect(record.status == .failed)
        #expect(record.stages.map(\.status) == [.failed])
        #expect(w.index == nil)
    }
}
