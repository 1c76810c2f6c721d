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

/// What the runner does with a stage inside `--from-stage … --to-stage` (one outside is neither
/// fingerprinted nor run). A pure function of the stage's state, so the rules (force, unchanged
/// inputs, missing outputs) are tested without running anything.
public enum StageDecision: Equatable, Sendable {
    /// Inputs unchanged since the stage last succeeded and its outputs are there.
    case skip
    case run

    /// `outputsPresent` is asked only when it decides (a forced or changed stage runs anyway).
    public static func decide(force: Bool, recorded: String?, fingerprint: String, outputsPresent: @autoclosure () -> Bool) -> StageDecision {
        if !force, recorded == fingerprint, outputsPresent() { return .skip }
        return .run
    }
}
