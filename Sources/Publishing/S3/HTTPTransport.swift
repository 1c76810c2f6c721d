import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

public struct HTTPRequest: Sendable {
    public var method: String
    public var url: URL
    /// Sent as given, in order; `Host` is derived from the URL by the transport.
    public var headers: [(name: String, value: String)]
    public var body: Data

    public init(method: String, url: URL, headers: [(name: String, value: String)], body: Data = Data()) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }
}

public struct HTTPResponse: Sendable {
    public let status: Int
    /// Header names in lower case.
    public let headers: [String: String]
    public let body: Data

    public init(status: Int, headers: [String: String], body: Data) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// The server could not be reached or the connection broke before a full response.
public struct HTTPTransportError: Error, Equatable, Sendable, CustomStringConvertible {
    public let reason: String
    public init(reason: String) { self.reason = reason }
    public var description: String { reason }
}

/// Sends one request and waits for the whole response. Blocking, so publishers can run a fixed
/// number of them in parallel on plain threads.
public protocol HTTPTransport: Sendable {
    func send(_ request: HTTPRequest) throws -> HTTPResponse
}

/// Foundation's URLSession (FoundationNetworking, libcurl underneath on Linux): HTTPS, proxies
/// and keep-alive come with it.
/// Unchecked: immutable after init; URLSession itself is thread-safe.
public final class URLSessionTransport: HTTPTransport, @unchecked Sendable {
    private let session: URLSession
    private let timeout: TimeInterval

    public init(timeout: TimeInterval = 120) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpShouldSetCookies = false
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.timeoutIntervalForRequest = timeout
        configuration.httpMaximumConnectionsPerHost = 16
        session = URLSession(configuration: configuration)
        self.timeout = timeout
    }

    deinit { session.finishTasksAndInvalidate() }

    public func send(_ request: HTTPRequest) throws -> HTTPResponse {
        var urlRequest = URLRequest(url: request.url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        urlRequest.httpMethod = request.method
        for (name, value) in request.headers { urlRequest.setValue(value, forHTTPHeaderField: name) }
        if !request.body.isEmpty || request.method == "PUT" {
            urlRequest.httpBody = request.body
            // FoundationNetworking cannot rewind a request body: when a server drops an idle
            // keep-alive connection, libcurl silently resends on a new one and the transfer then
            // hangs until the timeout. A fresh connection per upload avoids the resend entirely.
            urlRequest.setValue("close", forHTTPHeaderField: "Connection")
        }
        let box = ResponseBox()
        let task = session.dataTask(with: urlRequest) { data, response, error in
            box.fill(data: data, response: response, error: error)
        }
        task.resume()
        box.wait()
        return try box.result()
    }
}

/// Hands the completion handler's result to the waiting thread.
/// Unchecked: written once by the completion handler before it signals; read only after the wait.
private final class ResponseBox: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var data: Data?
    private var response: URLResponse?
    private var error: Error?

    func fill(data: Data?, response: URLResponse?, error: Error?) {
        self.data = data
        self.response = response
        self.error = error
        done.signal()
    }

    func wait() { done.wait() }

    func result() throws -> HTTPResponse {
        if let error { throw HTTPTransportError(reason: error.localizedDescription) }
        guard let http = response as? HTTPURLResponse else { throw HTTPTransportError(reason: "no HTTP response") }
        var headers: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            if let name = name as? String, let value = value as? String { headers[name.lowercased()] = value }
        }
        return HTTPResponse(status: http.statusCode, headers: headers, body: data ?? Data())
    }
}
