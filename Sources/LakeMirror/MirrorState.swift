import Foundation
import RxCore

/// What the local copy of a lake on S3 holds: per file, the object's ETag when it was last
/// pulled or pushed and the local file's size and modification time then. A file whose size or
/// time has changed since was written locally and is pushed; a remote ETag that differs was
/// written by someone else and is pulled. Kept in `<cache>/.rxpipe-mirror.json`.
struct MirrorState: Codable, Equatable {
    struct Entry: Codable, Equatable {
        var etag: String
        var bytes: Int
        /// Nanoseconds since the epoch of the local file's last modification.
        var modified: Int64
    }

    static let fileName = ".rxpipe-mirror.json"

    /// `s3://bucket/prefix` the copy belongs to: a cache never mixes two lakes.
    var remote: String
    var files: [String: Entry] = [:]

    static func load(root: String, remote: String) -> MirrorState {
        guard let data = FileManager.default.contents(atPath: root + "/" + fileName),
            let state = try? JSONDecoder().decode(MirrorState.self, from: data), state.remote == remote
        else { return MirrorState(remote: remote) }
        return state
    }

    func save(root: String) throws {
        let path = root + "/" + Self.fileName
        do {
            try PlainFile.replace(Array(try CanonicalJSON.encode(self)), at: path)
        } catch {
            throw LakeMirrorError.local(path: path, reason: "\(error)")
        }
    }

    /// The size and modification time of a local file, or nil when it does not exist.
    static func stamp(_ path: String) -> (bytes: Int, modified: Int64)? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return (Int(info.st_size), Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec))
    }

    /// True when the local file is still what was recorded.
    func isCurrent(_ path: String, root: String) -> Bool {
        guard let entry = files[path], let now = Self.stamp(root + "/" + path) else { return false }
        return entry.bytes == now.bytes && entry.modified == now.modified
    }
}
