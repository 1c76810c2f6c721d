import Foundation
import Lake
#if canImport(Glibc)
import Glibc
#endif

/// Where profiles live, `<lake>/profiles/<zone>/<table>.json`, and how they are written:
/// to a temporary file beside the target, flushed, then renamed over it, so a reader sees
/// the old profile or the new one and never a part.
public struct ProfileStore: Sendable {
    /// Zones profiled, in pipeline order (quarantine holds rejected text rows, not profiled).
    public static let zones = ["raw", "cleansed", "curated"]

    public let lake: Lake

    public init(lake: Lake) { self.lake = lake }

    public func path(_ name: Lake.TableName) -> String { "\(lake.root)/profiles/\(name.zone)/\(name.table).json" }

    /// The committed tables of the profiled zones, zone by zone.
    public func tables() throws -> [Lake.TableName] {
        try Self.zones.flatMap { try lake.tables(zone: $0) }
    }

    public func write(_ text: String, for name: Lake.TableName) throws {
        let target = path(name)
        let directory = (target as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw ProfileError.write(path: directory, reason: error.localizedDescription)
        }
        let temp = "\(directory)/.\(name.table).json.tmp-\(getpid())"
        let fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw ProfileError.write(path: temp, reason: String(cString: strerror(errno))) }
        var bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeMutableBytes { Glibc.write(fd, $0.baseAddress! + written, $0.count - written) }
            if n < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                close(fd)
                unlink(temp)
                throw ProfileError.write(path: temp, reason: reason)
            }
            written += n
        }
        bytes = []
        guard fsync(fd) == 0, close(fd) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temp)
            throw ProfileError.write(path: temp, reason: reason)
        }
        guard rename(temp, target) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temp)
            throw ProfileError.write(path: target, reason: reason)
        }
        let dfd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dfd >= 0 { _ = fsync(dfd); close(dfd) }
    }
}
