import Runs

/// One stage of the pipeline as the runner sees it: the fingerprint of its inputs, whether the
/// outputs of its last run are still in place, and the work. `rxpipe run` hands the five stages
/// to `StageRunner`; each single-stage command calls the same stage's `perform` and prints the
/// detailed report that `run` condenses to one line.
public protocol Stage {
    var name: StageName { get }
    /// The fingerprint of this stage's inputs, computed after the stages before it ran.
    func fingerprint() throws -> String
    /// Whether the outputs of the stage's last run are still in place (a deleted table reruns it).
    func outputsPresent() -> Bool
    /// Runs the stage; returns a one-line summary for the log and the run record.
    func run() throws -> String
}

/// What the runner does with one stage. A pure function of the stage's state, so the rules
/// (range, force, unchanged inputs, missing outputs) are tested without running anything.
public enum StageDecision: Equatable, Sendable {
    /// Outside `--from-stage … --to-stage`: not run, not fingerprinted.
    case outsideRange
    /// Inputs unchanged since the stage last succeeded and its outputs are there.
    case skip
    case run

    /// Whether `stage` is in `range`; asked before its fingerprint is computed (the
    /// fingerprint of a later stage may need the outputs of an earlier one).
    public static func inRange(_ stage: StageName, _ range: ClosedRange<StageName>) -> Bool { range.contains(stage) }

    public static func decide(
        stage: StageName, range: ClosedRange<StageName>, force: Bool, recorded: String?, fingerprint: String,
        outputsPresent: @autoclosure () -> Bool
    ) -> StageDecision {
        guard inRange(stage, range) else { return .outsideRange }
        if !force, recorded == fingerprint, outputsPresent() { return .skip }
        return .run
    }
}
