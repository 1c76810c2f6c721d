/// A profiling failure; the message names the table (and column) and what to do.
public enum ProfileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No committed table of a profiled zone exists in the lake.
    case nothingToProfile(lake: String)
    /// The profile file could not be written.
    case write(path: String, reason: String)

    public var description: String {
        switch self {
        case .nothingToProfile(let lake):
            return "profile: no committed table in the raw, cleansed or curated zone of \(lake); run rxpipe ingest first"
        case .write(let path, let reason):
            return "profile: cannot write \(path): \(reason)"
        }
    }
}
