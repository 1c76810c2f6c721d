import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The status line and headers of a response; header names in lower case.
public struct ResponseHead: Sendable {
    public let status: Int
    public let headers: [String: String]

    public init(status: Int, headers: [String: String]) {
        self.status = status
        self.headers = headers
    }
}

/// How one GET ended: the head (when one arrived), and the transport error that broke it
/// (refused, reset, closed before the announced length, timeout), if any.
struct GetOutcome {
    var head: ResponseHead?
    var transportError: String?
}

/// One blocking GET over URLSession (FoundationNetworking, libcurl underneath, as the S3
/// publisher's `URLSessionTransport`), but with the body streamed to `body` chunk by chunk so a
/// 4 GB file never sits in memory. `accept` sees the head first and says whether to keep the body.
/// An error thrown by `body` cancels the transfer and is rethrown.
enum StreamingGet {
    static func run(
        url: URL, headers: [(String, String)], timeout: TimeInterval,
        accept: @escaping (ResponseHead) -> Bool, body: @escaping (Data) throws -> Void
    ) throws -> GetOutcome {
        let delegate = StreamDelegate(accept: accept, body: body)
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpShouldSetCookies = false
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.timeoutIntervalForRequest = timeout
        let session = URLSession(configuration: configuration, delegate: delegate, delegateQueue: nil)
        defer { session.finishTasksAndInvalidate() }
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        request.httpMethod = "GET"
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        session.dataTask(with: request).resume()
        return try delegate.wait()
    }
}

/// Receives URLSession's callbacks (on its serial delegate queue) and hands the result to the
/// waiting thread.
/// Unchecked: its state changes on URLSession's serial delegate queue only; the waiting thread reads it after the semaphore.
private final class StreamDelegate: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    private let accept: (ResponseHead) -> Bool
    private let body: (Data) throws -> Void
    private let done = DispatchSemaphore(value: 0)
    private var outcome = GetOutcome()
    private var keepBody = false
    private var sinkError: Error?

    init(accept: @escaping (ResponseHead) -> Bool, body: @escaping (Data) throws -> Void) {
        self.accept = accept
        self.body = body
    }

    func wait() throws -> GetOutcome {
        done.wait()
        if let sinkError { throw sinkError }
        return outcome
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void
    ) {
        guard let http = response as? HTTPURLResponse else {
            outcome.transportError = "no HTTP response"
            completionHandler(.cancel)
            return
        }
        var headers: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            if let name = name as? String, let value = value as? String { headers[name.lowercased()] = value }
        }
        let head = ResponseHead(status: http.statusCode, headers: headers)
        outcome.head = head
        keepBody = accept(head)
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        guard keepBody, sinkError == nil else { return }
        do { try body(data) } catch {
            sinkError = error
            dataTask.cancel()
        }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
        if let error, sinkError == nil, outcome.transportError == nil {
            outcome.transportError = error.localizedDescription
        }
        done.signal()
    }
}
