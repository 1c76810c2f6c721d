import Digests
import Foundation
import Lake
import RxCore

/// A stage's input fingerprint: SHA-256 over labelled parts, so any change of an input, of the
/// relevant configuration or of rxpipe's version changes it.
public struct Fingerprint: Sendable {
    private var parts: [(String, String)] = []

    public init() {}

    public mutating func add(_ label: String, _ value: String) { parts.append((label, value)) }

    public var hex: String {
        var hasher = SHA256()
        for (label, value) in parts {
            hasher.update(data: Array("\(label.utf8.count):\(label)=\(value.utf8.count):\(value)\n".utf8))
        }
        return Hex.string(hasher.finalize())
    }

    public static func of(_ bytes: [UInt8]) -> String { SHA256.hex(bytes) }

    /// The SHA-256 of a small file's bytes, or "" when it does not exist.
    public static func ofFile(_ path: String) -> String {
        FileManager.default.contents(atPath: path).map { SHA256.hex(Array($0)) } ?? ""
    }
}

/// Content hashes of source files, cached by (size, modification time, inode) in
/// `<lake>/runs/_file-hashes.json`, so an unchanged 3 GB file is not read again to prove it.
public struct FileHashCache {
    struct Entry: Codable, Equatable {
        var size: Int64
        var mtimeNanoseconds: Int64
        var inode: UInt64
        var sha256: String
    }

    let path: String
    private var entries: [String: Entry]
    private var dirty = false

    public init(lakeRoot: String) {
        path = lakeRoot + "/runs/_file-hashes.json"
        entries = (FileManager.default.contents(atPath: path)).flatMap { try? JSONDecoder().decode([String: Entry].self, from: $0) } ?? [:]
    }

    /// The SHA-256 of the file at `path` (absolute), from the cache when its stat is unchanged.
    public mutating func hash(of file: String) throws(RunError) -> String {
        var st = stat()
        guard stat(file, &st) == 0 else { throw .io(path: file, reason: String(cString: strerror(errno))) }
        let mtime = Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec)
        let key = Entry(size: Int64(st.st_size), mtimeNanoseconds: mtime, inode: UInt64(st.st_ino), sha256: "")
        if let cached = entries[file], cached.size == key.size, cached.mtimeNanoseconds == key.mtimeNanoseconds, cached.inode == key.inode {
            return cached.sha256
        }
        guard let handle = FileHandle(forReadingAtPath: file) else { throw .io(path: file, reason: "cannot open") }
        defer { try? handle.close() }
        var hasher = SHA256()
        while true {
            let chunk = handle.readData(ofLength: 8 << 20)
            if chunk.isEmpty { break }
            hasher.update(data: chunk)
        }
        let digest = Hex.string(hasher.finalize())
        var entry = key
        entry.sha256 = digest
        entries[file] = entry
        dirty = true
        return digest
    }

    public func save() {
        guard dirty else { return }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(entries) else { return }
        // A cache: a failed write only costs rehashing next time.
        try? PlainFile.replace([UInt8](data), at: path)
    }
}
