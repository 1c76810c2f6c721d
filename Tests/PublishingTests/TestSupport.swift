import Foundation

@testable import Publishing

/// A fresh scratch directory per test (removed first if a previous run left it).
func scratch(_ name: String) -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("rxpipe-publish-\(name)-\(getpid())")
    try? FileManager.default.removeItem(at: url)
    try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Writes `files` (path → content) under `root`, creating directories.
func write(_ files: [String: Data], under root: URL) throws {
    for (path, content) in files {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try content.write(to: url)
    }
}

/// A small site with every kind of file a rendered site has and names that need URL-encoding.
func sampleSite() -> [String: Data] {
    var png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
    png.append(Data((0..<256).map { UInt8($0) }))
    return [
        "index.html": Data("<html><link href=\"assets/app.3f2a9c1d.css\"><a href=\"reports/drug%20list.html\">x</a></html>".utf8),
        "about.html": Data("<html>about</html>".utf8),
        "reports/drug list.html": Data("<html>drugs</html>".utf8),
        "reports/état-ünïcödé.html": Data("<html>unicode</html>".utf8),
        "assets/app.3f2a9c1d.css": Data("body{color:#222}".utf8),
        "assets/app.js": Data("console.log(1)".utf8),
        "charts/map.svg": Data("<svg xmlns=\"http://www.w3.org/2000/svg\"/>".utf8),
        "charts/bar.png": png,
        "data/a+b.csv": Data("year,claims\n2022,11\n".utf8),
        "data/100%.json": Data("{\"share\":1}".utf8),
        "data/nested/deep/table.csv": Data("x\n1\n".utf8),
        "empty.txt": Data(),
    ]
}

/// All files under `root` (relative path → content), hidden files included.
func readTree(_ root: URL) throws -> [String: Data] {
    var out: [String: Data] = [:]
    guard let walker = FileManager.default.enumerator(atPath: root.path) else { return out }
    while let relative = walker.nextObject() as? String {
        var isDirectory: ObjCBool = false
        let url = root.appendingPathComponent(relative)
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
            out[relative] = try Data(contentsOf: url)
        }
    }
    return out
}

/// Collects publish events from any thread.
final class EventLog: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [PublishEvent] = []

    func record(_ event: PublishEvent) {
        lock.lock()
        items.append(event)
        lock.unlock()
    }

    var uploaded: [String] {
        lock.lock()
        defer { lock.unlock() }
        return items.compactMap { if case .uploaded(let path, _) = $0 { return path } else { return nil } }
    }

    var deleted: [String] {
        lock.lock()
        defer { lock.unlock() }
        return items.compactMap { if case .deleted(let path) = $0 { return path } else { return nil } }
    }
}
