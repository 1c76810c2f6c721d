/// Why `rxpipe fetch` failed. Every message names the URL (credentials and query removed, see
/// `LoggableURL`) or file involved and says what to try; exit code 1.
public enum FetchError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The server could not be reached (DNS, refused, reset, timeout) after every attempt.
    case unreachable(url: String, reason: String, attempts: Int)
    /// The server kept answering with an error status.
    case httpStatus(url: String, status: Int, attempts: Int)
    /// The catalog is not a DCAT `data.json` or does not list the dataset.
    case badCatalog(url: String, reason: String)
    /// The catalog has no CSV distribution for some requested years.
    case yearsNotListed(url: String, dataset: String, missing: [Int], listed: [Int])
    /// The body ended before the announced length, after every attempt.
    case incomplete(url: String, received: Int64, expected: Int64)
    /// The downloaded bytes do not hash to the catalog's checksum.
    case checksumMismatch(url: String, algorithm: String, expected: String, actual: String)
    /// A local file could not be written, synced or renamed.
    case io(path: String, reason: String)

    public var description: String {
        switch self {
        case .unreachable(let url, let reason, let attempts):
            return "fetch: cannot reach \(url) (\(reason); \(attempts) \(attempts == 1 ? "attempt" : "attempts")). "
                + "Check the network or proxy (https_proxy), or point [fetch] catalog_url / RXPIPE_FETCH_CATALOG_URL at a reachable mirror"
        case .httpStatus(let url, let status, let attempts):
            let hint: String
            switch status {
            case 404, 410: hint = "the file has moved; the catalog may be stale or [fetch] catalog_url wrong"
            case 401, 403: hint = "access refused; check the URL and any proxy"
            case 500...599, 429: hint = "the server is failing or overloaded; try again later"
            default: hint = "unexpected answer"
            }
            return "fetch: \(url) answered HTTP \(status) (\(attempts) \(attempts == 1 ? "attempt" : "attempts")): \(hint)"
        case .badCatalog(let url, let reason):
            return "fetch: catalog \(url): \(reason)"
        case .yearsNotListed(let url, let dataset, let missing, let listed):
            return "fetch: catalog \(url) lists no CSV file of \"\(dataset)\" for \(missing.map(String.init).joined(separator: ", ")) "
                + "(listed: \(listed.isEmpty ? "none" : listed.map(String.init).joined(separator: ", "))); change [fetch] years or --years"
        case .incomplete(let url, let received, let expected):
            return "fetch: \(url): the transfer stopped at \(received) of \(expected) bytes after every attempt; "
                + "run rxpipe fetch again to resume (nothing was placed)"
        case .checksumMismatch(let url, let algorithm, let expected, let actual):
            return "fetch: \(url): \(algorithm) is \(actual), the catalog says \(expected); the download was discarded and nothing was placed"
        case .io(let path, let reason):
            return "fetch: \(path): \(reason)"
        }
    }
}
