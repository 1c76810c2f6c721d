import Foundation

/// What the server said about a file, kept beside it as `.<name>.fetch.json` (placed file) or
/// `.<name>.part.json` (a partial download): the URL and its validators, so the next run can
/// ask "changed since?" (If-None-Match / If-Modified-Since) or resume (Range + If-Range).
struct FetchState: Codable, Equatable {
    var url: String
    var etag: String?
    var lastModified: String?
    /// Bytes of the whole file, when the server said.
    var size: Int64?

    init(url: String, head: ResponseHead, size: Int64?) {
        self.url = url
        etag = head.headers["etag"]
        lastModified = head.headers["last-modified"]
        self.size = size
    }

    /// True when the server gave something to compare against next time.
    var hasValidator: Bool { etag != nil || lastModified != nil }

    static func read(_ path: String) -> FetchState? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return try? JSONDecoder().decode(FetchState.self, from: data)
    }

    /// Written to a temporary name, synced, and renamed over `path`.
    func write(_ path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        let data: Data
        do { data = try encoder.encode(self) } catch { throw FetchError.io(path: path, reason: "\(error)") }
        try DurableFile.replace(path, with: data)
    }
}
