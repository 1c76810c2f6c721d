import ArgumentParser
import Foundation
import Pipeline
import Lake
import Logging
import RxCore
import Runs
import Site

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the whole pipeline incrementally: ingest → cleanse → transform → profile → render.",
        discussion: """
            Each stage records a fingerprint of its inputs (source file hashes or PostgreSQL row
            counts and change counters, upstream table hashes, the configuration without secrets,
            rxpipe's version, templates); a stage whose fingerprint is unchanged is skipped, so a
            run with nothing changed takes about a second and changes no file. One run per lake at
            a time (a lock; a lock left by a dead run is cleared with a message).

            After transform the quality gates of [quality] are checked. A failed gate still builds
            the site, with a banner on the overview and quality pages, and exits with code 3;
            --no-publish-on-gate-failure keeps the previous site instead. An empty source always
            keeps the previous site.

            Every run is recorded in <lake>/runs/<run-id>/manifest.json with a snapshot of the
            curated tables; `rxpipe runs` lists them and `rxpipe diff` compares two.

            Examples:
              rxpipe run
              rxpipe run --force
              rxpipe run --from-stage transform --to-stage render
            """)

    @Flag(help: "Run every stage even if its inputs are unchanged.")
    var force = false

    @Option(help: "First stage to run (ingest, cleanse, transform, profile, render).")
    var fromStage: String = "ingest"

    @Option(help: "Last stage to run.")
    var toStage: String = "render"

    @Flag(help: "When a quality gate fails, keep the previous site instead of rendering this run's.")
    var noPublishOnGateFailure = false

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        for name in [fromStage, toStage] where StageName(rawValue: name) == nil {
            throw ValidationError("unknown stage \(name); stages are \(StageName.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard StageName(rawValue: fromStage)! <= StageName(rawValue: toStage)! else {
            throw ValidationError("--from-stage \(fromStage) comes after --to-stage \(toStage)")
        }
    }

    func run() throws {
        try reportingErrors {
            let logger = global.startLogging("rxpipe.run")
            var config = try global.loadConfig()
            let access = try LakeAccess.open(&config, logger: logger)
            let outcome = try NightlyRun(
                config: config, force: force, range: StageName(rawValue: fromStage)!...StageName(rawValue: toStage)!,
                publishOnGateFailure: !noPublishOnGateFailure, quiet: global.quiet, logger: logger
            ).execute()
            // The run is recorded whatever its gates say: push it before reporting them.
            try access.finish()
            print("run \(outcome.runID)\t\(outcome.status.rawValue)\t\(String(format: "%.2f", outcome.totalSeconds)) s\t"
                  + outcome.stages.map { "\($0.stage.rawValue) \($0.status.rawValue)" }.joined(separator: ", "))
            if !outcome.gatesPassed {
                for gate in outcome.gates where !gate.passed { StandardError.write("rxpipe: quality gate \(gate.name) failed: \(gate.detail)\n") }
                throw ExitCode(3)
            }
        }
    }
}
