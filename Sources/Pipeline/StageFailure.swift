import Runs

/// A stage's failure with the exit code its command reports, so a stage exits the same on its
/// own and inside `rxpipe run` (`RunError.stageFailed` carries the code).
public enum StageFailure: Error, Equatable, CustomStringConvertible, ExitCoded {
    /// Exit 2: the command line or the configuration is wrong.
    case usage(String)
    /// Exit 1: the work failed.
    case failed(String)

    public var description: String {
        switch self {
        case .usage(let message), .failed(let message): return message
        }
    }

    public var exitCode: Int32 {
        switch self {
        case .usage: return 2
        case .failed: return 1
        }
    }
}
