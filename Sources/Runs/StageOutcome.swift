/// The stages of `rxpipe run`, in order.
public enum StageName: String, CaseIterable, Codable, Sendable, Comparable {
    case ingest, cleanse, transform, profile, render

    public var order: Int { Self.allCases.firstIndex(of: self)! }
    public static func < (a: StageName, b: StageName) -> Bool { a.order < b.order }
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
