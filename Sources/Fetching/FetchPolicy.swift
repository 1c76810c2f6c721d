import Foundation

/// How hard `rxpipe fetch` tries: attempts per request and exponential backoff
/// (`retryDelay`, doubled each retry, capped at a minute; a `Retry-After` in seconds wins, capped too).
public struct FetchPolicy: Sendable {
    public var attempts: Int
    public var retryDelay: TimeInterval
    public var timeout: TimeInterval

    public init(attempts: Int = 5, retryDelay: TimeInterval = 1, timeout: TimeInterval = 60) {
        self.attempts = attempts
        self.retryDelay = retryDelay
        self.timeout = timeout
    }

    /// The pause before retry number `retry` (0 = the first retry).
    func delay(beforeRetry retry: Int, retryAfter: String?) -> TimeInterval {
        if let retryAfter, let seconds = Double(retryAfter.trimmingCharacters(in: .whitespaces)), seconds >= 0 {
            return min(seconds, 60)
        }
        return min(60, retryDelay * pow(2, Double(retry)))
    }

    /// Server errors and throttling are worth another try; other statuses are answers.
    static func isRetryable(status: Int) -> Bool { status >= 500 || status == 429 || status == 408 }
}

/// What the fetcher reports while it works (the CLI turns these into the progress line and logs).
public enum FetchEvent: Sendable {
    /// A body starts: `offset` bytes already on disk (a resume), `total` expected when known.
    case transferStarted(file: String, offset: Int64, total: Int64?)
    case received(bytes: Int)
    case transferEnded
    /// A retry is coming after `delay` seconds; `url` is loggable.
    case retrying(url: String, reason: String, delay: TimeInterval)
}
