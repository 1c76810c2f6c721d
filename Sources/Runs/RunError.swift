import RxCore

/// An error that says how the process should exit (a usage error is 2, a failure 1, …), so a
/// stage failing inside `rxpipe run` exits as its own command would.
public protocol ExitCoded: Error {
    var exitCode: Int32 { get }
}

/// Why a run (or a diff, or the runs listing) failed; messages say what to do.
public enum RunError: Error, Equatable, CustomStringConvertible, ExitCoded {
    case locked(lake: String, holder: String)
    case io(path: String, reason: String)
    case unknownRun(String, available: [String])
    case noRuns(lake: String)
    case noPreviousVersion(completed: [String])
    case badRecord(path: String, reason: String)
    /// `exitCode`: the stage's own (2 when its configuration or environment is wrong, as the
    /// single-stage command would exit), else 1.
    case stageFailed(stage: String, reason: String, exitCode: Int32)
    case badStageRange(String)

    public var description: String {
        switch self {
        case .locked(let lake, let holder):
            return "run: another rxpipe run holds the lake \(lake) (\(holder)); wait for it to finish, or stop it"
        case .io(let path, let reason):
            return "run: \(path): \(reason)"
        case .unknownRun(let id, let available):
            let list = available.suffix(5).joined(separator: ", ")
            return "diff: no run \(id) in this lake (use a run id, `latest` or `previous`; recent: \(list.isEmpty ? "none" : list))"
        case .noRuns(let lake):
            return "runs: the lake \(lake) has no recorded runs yet; `rxpipe run` makes one"
        case .noPreviousVersion(let completed):
            let list = completed.suffix(5).joined(separator: ", ")
            return completed.count < 2
                ? "diff: `previous` needs two completed runs with different data; this lake has \(completed.count) completed (\(list.isEmpty ? "none" : list))"
                : "diff: `previous` is the last run whose data differs from the latest's (with the same pseudonymization), and there is none; name a run id instead (recent: \(list))"
        case .badRecord(let path, let reason):
            return "runs: \(path) is not a run record (\(reason))"
        case .stageFailed(let stage, let reason, _):
            return "run: stage \(stage) failed: \(reason)"
        case .badStageRange(let text):
            return "run: \(text)"
        }
    }
}

extension RunError {
    public var exitCode: Int32 {
        if case .stageFailed(_, _, let code) = self { return code }
        return 1
    }

    /// A stage's error as the runner reports it.
    public static func stage(_ name: StageName, _ error: Error) -> RunError {
        .stageFailed(stage: name.rawValue, reason: "\(error)", exitCode: (error as? ExitCoded)?.exitCode ?? 1)
    }
}

/// A configuration error met inside a stage is a usage error, as in the stage's own command.
extension ConfigError: ExitCoded {
    public var exitCode: Int32 { 2 }
}
