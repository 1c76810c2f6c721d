import Digests
import Foundation

/// How fetching one file ended.
public enum FetchOutcome: Equatable, Sendable {
    /// The server said 304 Not Modified; the placed file was not touched.
    case unchanged
    /// A new file was placed; `resumedFrom` bytes came from an earlier, interrupted transfer.
    case downloaded(bytes: Int64, resumedFrom: Int64)
}

/// Downloads files over HTTP(S) into a folder: conditional requests against the validators of
/// the placed file, resume of an interrupted transfer with `Range` + `If-Range`, retries with
/// backoff, size and checksum checks, and atomic placement (a hidden `.<name>.part` in the same
/// folder, fsync, rename). Until the rename the folder's `*.csv` files are the old ones.
public struct FileFetcher: Sendable {
    public let policy: FetchPolicy
    public let events: @Sendable (FetchEvent) -> Void

    public init(policy: FetchPolicy, events: @escaping @Sendable (FetchEvent) -> Void = { _ in }) {
        self.policy = policy
        self.events = events
    }

    /// A small document (the catalog), in memory.
    public func document(_ url: URL) throws -> Data {
        var data = Data()
        let loggable = LoggableURL.text(url)
        try withRetries(loggable) { _ in
            data.removeAll()
            let outcome = try StreamingGet.run(
                url: url, headers: [("Accept", "application/json")], timeout: policy.timeout,
                accept: { $0.status == 200 }, body: { data.append($0) })
            guard let head = outcome.head else { return .transport(outcome.transportError ?? "no response", head: nil) }
            if head.status != 200 { return .status(head) }
            if let error = outcome.transportError { return .transport(error, head: head) }
            return .done
        }
        return data
    }

    /// Fetches `file` into `directory` as `file.fileName`.
    public func fetch(_ file: CatalogFile, into directory: String) throws -> FetchOutcome {
        let paths = Paths(directory: directory, name: file.fileName)
        let urlText = file.url.absoluteString
        let loggable = LoggableURL.text(file.url)
        let placed = DurableFile.size(paths.target) != nil ? FetchState.read(paths.state).flatMap { $0.url == urlText ? $0 : nil } : nil
        var result = FetchOutcome.unchanged
        try withRetries(loggable) { _ in
            var partial = FetchState.read(paths.partState).flatMap { $0.url == urlText && $0.hasValidator ? $0 : nil }
            var offset = partial == nil ? 0 : DurableFile.size(paths.part) ?? 0
            if offset == 0 { partial = nil }
            var headers = [("Accept-Encoding", "identity")]
            if let partial {
                headers.append(("Range", "bytes=\(offset)-"))
                headers.append(("If-Range", partial.etag ?? partial.lastModified!))
            } else if let placed {
                if let etag = placed.etag { headers.append(("If-None-Match", etag)) }
                if let lastModified = placed.lastModified { headers.append(("If-Modified-Since", lastModified)) }
            }
            let sink = PartSink(path: paths.part)
            defer { sink.close() }
            var expected: Int64?
            var setupError: Error?
            let outcome = try StreamingGet.run(
                url: file.url, headers: headers, timeout: policy.timeout,
                accept: { head in
                    do {
                        switch head.status {
                        case 206 where Self.rangeStart(head) == offset:
                            expected = Self.rangeTotal(head)
                        case 200:
                            offset = 0
                            expected = head.headers["content-length"].flatMap { Int64($0) }
                        default:
                            return false
                        }
                        try FetchState(url: urlText, head: head, size: expected).write(paths.partState)
                        try sink.open(truncating: offset == 0)
                        events(.transferStarted(file: file.fileName, offset: offset, total: expected ?? file.byteSize))
                        return true
                    } catch {
                        setupError = error
                        return false
                    }
                },
                body: { data in
                    try sink.write(data)
                    events(.received(bytes: data.count))
                })
            if let setupError { throw setupError }
            guard let head = outcome.head else { return .transport(outcome.transportError ?? "no response", head: nil) }
            if sink.opened { events(.transferEnded) }
            switch head.status {
            case 304 where partial == nil && placed != nil:
                result = .unchanged
                return .done
            case 200 where sink.opened, 206 where sink.opened: break
            case 206, 416:
                // The range does not fit what the server has now: start over.
                Self.discard(paths)
                return .transport("the server did not resume at byte \(offset) (HTTP \(head.status))", head: head)
            default:
                return .status(head)
            }
            let received = DurableFile.size(paths.part) ?? 0
            if let error = outcome.transportError {
                // Bytes arrived, then the connection broke: the next attempt resumes.
                if let expected { return .incomplete(received: received, expected: expected) }
                return .transport("\(error) after \(received) bytes", head: head)
            }
            if let expected, received != expected {
                if received > expected { Self.discard(paths) }
                return .incomplete(received: received, expected: expected)
            }
            try sink.finish()
            try verify(file, paths: paths, loggable: loggable)
            try DurableFile.place(paths.part, at: paths.target)
            let state = FetchState.read(paths.partState) ?? FetchState(url: urlText, head: head, size: received)
            try state.write(paths.state)
            DurableFile.remove(paths.partState)
            result = .downloaded(bytes: received, resumedFrom: partial == nil ? 0 : offset)
            return .done
        }
        return result
    }
}

/// The files of one fetched name, all in the target folder.
struct Paths {
    let target: String
    let part: String
    let partState: String
    let state: String

    init(directory: String, name: String) {
        target = (directory as NSString).appendingPathComponent(name)
        part = (directory as NSString).appendingPathComponent(".\(name).part")
        partState = (directory as NSString).appendingPathComponent(".\(name).part.json")
        state = (directory as NSString).appendingPathComponent(".\(name).fetch.json")
    }
}

private extension FileFetcher {
    /// What one attempt came to.
    enum Attempt {
        case done
        case status(ResponseHead)
        case transport(String, head: ResponseHead?)
        case incomplete(received: Int64, expected: Int64)
    }

    /// Runs `attempt` until it is done, retrying retryable failures with backoff; the last
    /// failure becomes the error.
    func withRetries(_ url: String, _ attempt: (Int) throws -> Attempt) throws {
        var number = 0
        while true {
            number += 1
            let outcome = try attempt(number)
            let reason: String
            var retryAfter: String?
            switch outcome {
            case .done:
                return
            case .status(let head):
                guard FetchPolicy.isRetryable(status: head.status), number < policy.attempts else {
                    throw FetchError.httpStatus(url: url, status: head.status, attempts: number)
                }
                reason = "HTTP \(head.status)"
                retryAfter = head.headers["retry-after"]
            case .transport(let message, _):
                guard number < policy.attempts else { throw FetchError.unreachable(url: url, reason: message, attempts: number) }
                reason = message
            case .incomplete(let received, let expected):
                guard number < policy.attempts else { throw FetchError.incomplete(url: url, received: received, expected: expected) }
                reason = "the body ended at \(received) of \(expected) bytes"
            }
            let delay = policy.delay(beforeRetry: number - 1, retryAfter: retryAfter)
            events(.retrying(url: url, reason: reason, delay: delay))
            if delay > 0 { Thread.sleep(forTimeInterval: delay) }
        }
    }

    /// The catalog's checksum, when it gives one; a mismatch discards the download.
    func verify(_ file: CatalogFile, paths: Paths, loggable: String) throws {
        guard let checksum = file.checksum else { return }
        let actual = try Self.sha256(paths.part)
        guard actual == checksum.value else {
            Self.discard(paths)
            throw FetchError.checksumMismatch(url: loggable, algorithm: checksum.algorithm, expected: checksum.value, actual: actual)
        }
    }

    static func sha256(_ path: String) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw FetchError.io(path: path, reason: "cannot read") }
        defer { try? handle.close() }
        var hasher = SHA256()
        while true {
            let chunk: Data
            do { chunk = try handle.read(upToCount: 1 << 20) ?? Data() } catch { throw FetchError.io(path: path, reason: "\(error)") }
            if chunk.isEmpty { break }
            hasher.update(data: chunk)
        }
        return Hex.string(hasher.finalize())
    }

    static func discard(_ paths: Paths) {
        DurableFile.remove(paths.part)
        DurableFile.remove(paths.partState)
    }

    /// `Content-Range: bytes 100-999/1000` → 100.
    static func rangeStart(_ head: ResponseHead) -> Int64? {
        guard let value = head.headers["content-range"], value.hasPrefix("bytes ") else { return nil }
        return Int64(value.dropFirst(6).prefix { $0.isNumber })
    }

    /// `Content-Range: bytes 100-999/1000` → 1000 (nil for `*`).
    static func rangeTotal(_ head: ResponseHead) -> Int64? {
        guard let value = head.headers["content-range"], let slash = value.lastIndex(of: "/") else { return nil }
        return Int64(value[value.index(after: slash)...])
    }
}
