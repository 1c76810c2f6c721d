import ArgumentParser

/// The connection options `db load` and `db read` share, checked before anything connects: a
/// negative value or a typo of a few digits too many is refused with the option named
/// (a timeout beyond a week would also overflow libpq's milliseconds).
enum PostgresOptionBounds {
    static func check(retries: Int, retryDelay: Double, statementTimeout: Int) throws {
        guard 0...100 ~= retries else { throw ValidationError("--retries must be between 0 and 100, not \(retries)") }
        guard retryDelay.isFinite, 0...3600 ~= retryDelay else {
            throw ValidationError("--retry-delay must be between 0 and 3600 seconds, not \(retryDelay)")
        }
        guard 0...604_800 ~= statementTimeout else {
            throw ValidationError("--statement-timeout must be between 0 and 604800 seconds, not \(statementTimeout)")
        }
    }
}
