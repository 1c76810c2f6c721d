import Foundation

/// Exponential backoff with full jitter ("Exponential Backoff And Jitter", AWS Architecture Blog):
/// attempt n waits a random time in [0, min(maxDelay, baseDelay · 2^n)].
public struct RetryPolicy: Sendable {
    public var maxAttempts: Int
    public var baseDelay: TimeInterval
    public var maxDelay: TimeInterval

    public init(maxAttempts: Int = 8, baseDelay: TimeInterval = 0.2, maxDelay: TimeInterval = 10) {
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    /// The pause before retry number `retry` (0 = first retry).
    public func delay(beforeRetry retry: Int) -> TimeInterval {
        let ceiling = min(maxDelay, baseDelay * pow(2, Double(retry)))
        return Double.random(in: 0...max(ceiling, 0))
    }

    /// S3 asks for a retry with 5xx (500 InternalError, 503 SlowDown/ServiceUnavailable), 429,
    /// and a few 400 codes that mean "try again".
    public static func isRetryable(status: Int, code: String) -> Bool {
        if status >= 500 || status == 429 { return true }
        return ["SlowDown", "Throttling", "ThrottlingException", "RequestTimeout"].contains(code)
    }
}
