import Digests
import Foundation
import Lake
import Publishing
import RxCore

/// A lake kept on S3 (`[lake] root = "s3://bucket/prefix"`), worked on through a local copy.
///
/// `pull` brings the copy up to date the way a reader must see a lake: it reads each table's
/// `_manifest.json` and fetches only the files the manifest lists (checked against their
/// SHA-256), so a writer's uncommitted or abandoned files (`_temporary/`, `_SUCCESS`, a
/// half-finished version) are never seen. Files already in the copy are not fetched again.
///
/// `push` uploads what a command changed in the copy, in commit order (`LakePaths.commitRank`):
/// data files first, then the manifests that commit them, then run records; files the command
/// removed are deleted from the bucket last. A reader of the bucket therefore always finds a
/// manifest's files: S3 has no rename, and the manifest object is the commit.
///
/// One writer at a time: table locks are local files and S3 has none, so two machines must not
/// write the same lake at once (a scheduler runs Spark or the nightly rxpipe, not both).
public struct S3LakeMirror: Sendable {
    public let client: S3Client
    /// The local copy's directory.
    public let root: String
    /// Requests in flight at once.
    public let width: Int

    public init(client: S3Client, root: String, width: Int = 8) {
        self.client = client
        self.root = root
        self.width = width
    }

    public var remote: String {
        "s3://\(client.location.bucket)" + (client.location.prefix.isEmpty ? "" : "/\(client.location.prefix)")
    }

    /// What a pull or push did.
    public struct Report: Equatable, Sendable {
        public var tables = 0
        /// Files fetched or uploaded, and their bytes.
        public var transferred = 0
        public var bytes = 0
        /// Files already current.
        public var unchanged = 0
        /// Local files removed (pull) or objects deleted (push).
        public var removed = 0
    }

    // MARK: Pull

    public func pull() throws -> Report {
        try makeRoot()
        var state = MirrorState.load(root: root, remote: remote)
        let listing = try s3 { try client.listSite() }
        var report = Report()

        // Every file the copy should hold: the files each manifest lists, the manifests
        // themselves, and everything outside the tables (profiles, run records, reports).
        var wanted: [String: (etag: String, sha256: String?)] = [:]
        let manifests = listing.keys.filter(LakePaths.isTableManifest).sorted()
        for (path, etag) in listing where !LakePaths.isLocalOnly(path) && !LakePaths.isInsideTable(path) {
            wanted[path] = (etag, nil)
        }
        var manifestBytes: [String: Data] = [:]
        for path in manifests {
            let etag = listing[path]!
            let data: Data
            if state.files[path]?.etag == etag, state.isCurrent(path, root: root),
                let local = FileManager.default.contents(atPath: root + "/" + path)
            {
                data = local
            } else {
                data = try s3 { try client.get(path: path) }
            }
            let manifest: TableManifest
            do {
                manifest = try TableManifest.decode(data, path: path)
            } catch {
                throw LakeMirrorError.manifest(remote: remote, path: path, reason: "\(error)")
            }
            let table = LakePaths.tableDirectory(ofManifest: path)
            for file in manifest.files {
                let filePath = table + "/" + file.path
                guard let fileEtag = listing[filePath] else {
                    throw LakeMirrorError.missingFile(remote: remote, manifest: path, file: filePath)
                }
                wanted[filePath] = (fileEtag, file.sha256)
            }
            manifestBytes[path] = data
        }
        report.tables = manifests.count

        // Fetch what is missing or changed, in parallel; each file is placed atomically.
        let targets = wanted
        let stale = wanted.keys.filter { path in
            !(state.files[path]?.etag == wanted[path]!.etag && state.isCurrent(path, root: root))
        }.sorted()
        let fetched = Locked([String: MirrorState.Entry]())
        let fetchedBytes = Locked(0)
        try parallelForEach(stale, width: width) { path in
            let (etag, sha256) = targets[path]!
            let data = try s3 { try client.get(path: path) }
            if let sha256 {
                let actual = Hex.string(SHA256.hash(data: data))
                guard actual == sha256 else {
                    throw LakeMirrorError.checksum(remote: remote, file: path, expected: sha256, actual: actual)
                }
            }
            let entry = try place(data, at: path, etag: etag)
            fetched.withLock { $0[path] = entry }
            fetchedBytes.withLock { $0 += data.count }
        }
        for (path, entry) in fetched.withLock({ $0 }) { state.files[path] = entry }
        report.transferred = stale.count
        report.bytes = fetchedBytes.withLock { $0 }
        report.unchanged = wanted.count - stale.count

        // Files the lake no longer has (an older version's parts, a dropped table) leave the
        // copy before the new manifests arrive; then the manifests, each one atomically.
        for path in try localFiles() where wanted[path] == nil && manifestBytes[path] == nil {
            try remove(path)
            report.removed += 1
        }
        for path in manifests where !(state.files[path]?.etag == listing[path]! && state.isCurrent(path, root: root)) {
            state.files[path] = try place(manifestBytes[path]!, at: path, etag: listing[path]!)
            report.transferred += 1
            report.bytes += manifestBytes[path]!.count
        }
        state.files = state.files.filter { wanted[$0.key] != nil || manifestBytes[$0.key] != nil }
        try state.save(root: root)
        return report
    }

    // MARK: Push

    public func push() throws -> Report {
        var state = MirrorState.load(root: root, remote: remote)
        var report = Report()
        let present = try localFiles()
        let changed = present.filter { !state.isCurrent($0, root: root) }
        let gone = state.files.keys.filter { !present.contains($0) }.sorted()
        for rank in 0...2 {
            let batch = changed.filter { LakePaths.commitRank($0) == rank }.sorted()
            let uploaded = Locked([String: MirrorState.Entry]())
            try parallelForEach(batch, width: width) { path in
                let full = root + "/" + path
                guard let stamp = MirrorState.stamp(full), let data = FileManager.default.contents(atPath: full) else {
                    throw LakeMirrorError.local(path: full, reason: "cannot be read")
                }
                let md5 = Hex.string(MD5.hash(data: data))
                try s3 { try client.put(path: path, body: data, md5: md5, sha256: Hex.string(SHA256.hash(data: data))) }
                uploaded.withLock { $0[path] = MirrorState.Entry(etag: md5, bytes: stamp.bytes, modified: stamp.modified) }
            }
            for (path, entry) in uploaded.withLock({ $0 }) {
                state.files[path] = entry
                report.transferred += 1
                report.bytes += entry.bytes
            }
        }
        try parallelForEach(gone, width: width) { path in try s3 { try client.delete(path: path) } }
        for path in gone { state.files[path] = nil }
        report.removed = gone.count
        report.unchanged = present.count - changed.count
        report.tables = present.filter(LakePaths.isTableManifest).count
        try state.save(root: root)
        return report
    }

    // MARK: Local copy

    private func makeRoot() throws {
        do { try PlainFile.makeDirectories(root) } catch { throw LakeMirrorError.local(path: root, reason: error.reason) }
    }

    private func place(_ data: Data, at path: String, etag: String) throws -> MirrorState.Entry {
        let full = root + "/" + path
        do {
            try PlainFile.replace(Array(data), at: full)
        } catch {
            throw LakeMirrorError.local(path: full, reason: error.reason)
        }
        guard let stamp = MirrorState.stamp(full) else { throw LakeMirrorError.local(path: full, reason: "vanished after it was written") }
        return MirrorState.Entry(etag: etag, bytes: stamp.bytes, modified: stamp.modified)
    }

    private func remove(_ path: String) throws {
        let full = root + "/" + path
        guard unlink(full) == 0 || errno == ENOENT else { throw LakeMirrorError.local(path: full, reason: errnoText()) }
        // Folders left empty go too (a reader lists partitions by folder).
        var folder = (path as NSString).deletingLastPathComponent
        while !folder.isEmpty, rmdir(root + "/" + folder) == 0 {
            folder = (folder as NSString).deletingLastPathComponent
        }
    }

    /// Every regular file of the copy that travels (relative paths, sorted).
    func localFiles() throws -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: root) else { return [] }
        var out: [String] = []
        while let next = walker.nextObject() as? String {
            guard !LakePaths.isLocalOnly(next), let attributes = walker.fileAttributes,
                attributes[.type] as? FileAttributeType == .typeRegular
            else { continue }
            out.append(next)
        }
        return out.sorted()
    }

    /// Runs an S3 call, restating its error for the lake.
    private func s3<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as PublishError { throw LakeMirrorError.wrapping(error, remote: remote) }
    }
}
