import Foundation

/// Publishes a site as the whole content of branch `branch` of a git repository (plus an empty
/// `.nojekyll`, so GitHub Pages serves files whose names start with `_`), one commit per publish
/// that changes something. Only plumbing is used — `hash-object -w`, a temporary index
/// (`GIT_INDEX_FILE`) with `update-index --index-info` and `write-tree`, `commit-tree`,
/// `update-ref` with the expected old value — so the user's working tree, index and HEAD are
/// never touched. A branch checked out in any worktree is refused: moving it would change that
/// checkout underneath its user.
public struct GitPublisher: Sendable {
    public let repository: URL
    public let branch: String
    let git: GitRunner

    public init(repository: URL, branch: String) {
        self.repository = repository
        self.branch = branch
        git = GitRunner(repository: repository)
    }

    var ref: String { "refs/heads/\(branch)" }

    /// The plan against the branch's current tree, with git blob ids as digests (computed
    /// without writing objects).
    public func plan(_ site: SiteInventory) throws -> PublishPlan {
        try validate()
        let local = try blobIDs(site, write: false)
        return PublishPlan.make(local: withNoJekyll(site.files), localDigest: { local[$0.path]! }, remote: try currentTree())
    }

    /// Writes the objects and the commit, then moves the branch; no commit when the tree is unchanged.
    public func publish(_ site: SiteInventory, events: @Sendable (PublishEvent) -> Void) throws -> PublishReport {
        try validate()
        let remote = try currentTree()
        let local = try blobIDs(site, write: true)
        let files = withNoJekyll(site.files)
        let plan = PublishPlan.make(local: files, localDigest: { local[$0.path]! }, remote: remote)
        let parent = git.probe(["rev-parse", "--verify", "-q", "\(ref)^{commit}"])
        if plan.changesNothing, parent != nil {
            return PublishReport(uploaded: 0, kept: plan.keeps.count, deleted: 0, bytesUploaded: 0, detail: parent)
        }
        let tree = try writeTree(files.map { (path: $0.path, blob: local[$0.path]!) })
        if let parent, try git.text(["rev-parse", "\(parent)^{tree}"]) == tree {
            return PublishReport(uploaded: 0, kept: plan.keeps.count, deleted: 0, bytesUploaded: 0, detail: parent)
        }
        let message = "rxpipe publish: \(plan.uploads.count) added or changed, \(plan.deletes.count) removed, \(files.count) files"
        var arguments = ["commit-tree", tree, "-m", message]
        if let parent { arguments += ["-p", parent] }
        let commit = try git.text(arguments, extra: try identity())
        try git.run(["update-ref", "-m", "rxpipe publish", ref, commit, parent ?? ""])
        for upload in plan.uploads { events(.uploaded(path: upload.file.path, bytes: upload.file.size)) }
        for path in plan.deletes { events(.deleted(path: path)) }
        return PublishReport(
            uploaded: plan.uploads.count, kept: plan.keeps.count, deleted: plan.deletes.count,
            bytesUploaded: plan.uploads.reduce(0) { $0 + $1.file.size }, detail: commit)
    }

    // MARK: Steps

    private func validate() throws {
        do {
            try git.run(["check-ref-format", "--branch", branch])
        } catch {
            throw PublishError.badTarget("git:\(branch)", reason: "not a valid branch name")
        }
        let topLevel = git.probe(["rev-parse", "--git-dir"])
        guard topLevel != nil else {
            throw PublishError.badTarget("git:\(branch)", reason: "\(repository.path) is not inside a git repository")
        }
        let worktrees = try git.text(["worktree", "list", "--porcelain"])
        for line in worktrees.split(separator: "\n") where line == "branch \(ref)" {
            throw PublishError.badTarget(
                "git:\(branch)",
                reason: "\(branch) is checked out in a worktree; publishing would change that checkout under its user — "
                    + "switch it to another branch or publish to a different branch")
        }
    }

    /// path → blob id of the branch's current tree (empty when the branch does not exist yet).
    private func currentTree() throws -> [String: String] {
        guard git.probe(["rev-parse", "--verify", "-q", "\(ref)^{commit}"]) != nil else { return [:] }
        let listing = try git.run(["ls-tree", "-r", "-z", "--full-tree", ref])
        var tree: [String: String] = [:]
        for record in listing.split(separator: 0) {
            // "<mode> SP <type> SP <object> TAB <path>"
            guard let tab = record.firstIndex(of: 9) else { continue }
            let fields = String(decoding: record[record.startIndex..<tab], as: UTF8.self).split(separator: " ")
            guard fields.count == 3 else { continue }
            tree[String(decoding: record[(tab + 1)...], as: UTF8.self)] = String(fields[2])
        }
        return tree
    }

    /// Blob ids of every site file plus `.nojekyll`, via one `git hash-object --stdin-paths`.
    private func blobIDs(_ site: SiteInventory, write: Bool) throws -> [String: String] {
        for file in site.files where file.path.contains("\n") {
            throw PublishError.siteUnreadable(path: site.url(of: file).path, reason: "a file name with a line break")
        }
        var ids: [String: String] = [:]
        let flags = write ? ["-w"] : []
        if !site.files.isEmpty {
            let input = site.files.map { site.url(of: $0).path + "\n" }.joined()
            let output = try git.text(["hash-object"] + flags + ["--no-filters", "--stdin-paths"], input: Data(input.utf8))
            let lines = output.split(separator: "\n")
            guard lines.count == site.files.count else {
                throw PublishError.git(command: "hash-object", reason: "expected \(site.files.count) ids, got \(lines.count)")
            }
            for (file, id) in zip(site.files, lines) { ids[file.path] = String(id) }
        }
        if ids[".nojekyll"] == nil {
            ids[".nojekyll"] = try git.text(["hash-object"] + flags + ["--stdin"], input: Data())
        }
        return ids
    }

    private func withNoJekyll(_ files: [SiteFile]) -> [SiteFile] {
        if files.contains(where: { $0.path == ".nojekyll" }) { return files }
        let empty = SiteFile(path: ".nojekyll", size: 0, sha256: "", md5: "")
        return (files + [empty]).sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
    }

    /// A tree object for `entries`, built in a throwaway index file.
    private func writeTree(_ entries: [(path: String, blob: String)]) throws -> String {
        let index = FileManager.default.temporaryDirectory.appendingPathComponent("rxpipe-publish-index-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: index) }
        let env = ["GIT_INDEX_FILE": index.path]
        var records = Data()
        for entry in entries { records.append(Data("100644 blob \(entry.blob)\t\(entry.path)\0".utf8)) }
        try git.run(["update-index", "--add", "-z", "--index-info"], input: records, extra: env)
        return try git.text(["write-tree"], extra: env)
    }

    /// The user's git identity, or rxpipe's when none is configured (commit-tree refuses to run without one).
    private func identity() throws -> [String: String] {
        if git.probe(["var", "GIT_COMMITTER_IDENT"]) != nil && git.probe(["var", "GIT_AUTHOR_IDENT"]) != nil { return [:] }
        return [
            "GIT_AUTHOR_NAME": "rxpipe", "GIT_AUTHOR_EMAIL": "rxpipe@localhost",
            "GIT_COMMITTER_NAME": "rxpipe", "GIT_COMMITTER_EMAIL": "rxpipe@localhost",
        ]
    }
}
