/// Why a run (or a diff, or the runs listing) failed; messages say what to do.
public enum RunError: Error, Equatable, CustomStringConvertible {
    case locked(lake: String, holder: String)
    case io(path: String, reason: String)
    case unknownRun(String, available: [String])
    case noRuns(lake: String)
    case badRecord(path: String, reason: String)
    case stageFailed(stage: String, reason: String)
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
        case .badRecord(let path, let reason):
            return "runs: \(path) is not a run record (\(reason))"
        case .stageFailed(let stage, let reason):
            return "run: stage \(stage) failed: \(reason)"
        case .badStageRange(let text):
            return "run: \(text)"
        }
    }
}
