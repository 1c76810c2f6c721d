/// The stages of `rxpipe run`, in order.
public enum StageName: String, CaseIterable, Codable, Sendable, Comparable {
    case ingest, cleanse, transform, profile, render

    public var order: Int { Self.allCases.firstIndex(of: self)! }
    public static func < (a: StageName, b: StageName) -> Bool { a.order < b.order }
}

/// One stage as the runner sees it: how to fingerprint its inputs, whether its outputs are
/// still there, and how to run it.
public struct Stage {
    public var name: StageName
    /// The fingerprint of this stage's inputs, computed after the stages before it ran.
    public var fingerprint: () throws -> String
    /// Whether the outputs of the stage's last run are still in place (a deleted table reruns it).
    public var outputsPresent: () -> Bool
    /// Runs the stage; returns a one-line summary for the log and the record.
    public var run: () throws -> String

    public init(name: StageName, fingerprint: @escaping () throws -> String, outputsPresent: @escaping () -> Bool, run: @escaping () throws -> String) {
        self.name = name
        self.fingerprint = fingerprint
        self.outputsPresent = outputsPresent
        self.run = run
    }
}

/// What happened to one stage in one run.
public struct StageOutcome: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable { case ran, skipped, failed, notRun = "not_run" }
    public var stage: StageName
    public var status: Status
    public var seconds: Double
    public var fingerprint: String
    public var summary: String

    public init(stage: StageName, status: Status, seconds: Double, fingerprint: String, summary: String) {
        self.stage = stage
        self.status = status
        self.seconds = seconds
        self.fingerprint = fingerprint
        self.summary = summary
    }
}
