import Foundation

/// Where the PostgreSQL server binaries are: `RXPIPE_PG_BIN`, else the newest
/// `/usr/lib/postgresql/<version>/bin` (Debian's layout).
public enum PGBinaries {
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        let fileManager = FileManager.default
        var candidates: [String] = []
        if let configured = environment["RXPIPE_PG_BIN"], !configured.isEmpty {
            candidates = [configured]
        } else {
            let versions = (try? fileManager.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
            candidates = versions.compactMap(Int.init).sorted(by: >).map { "/usr/lib/postgresql/\($0)/bin" }
        }
        for directory in candidates
        where fileManager.isExecutableFile(atPath: directory + "/initdb") && fileManager.isExecutableFile(atPath: directory + "/postgres") {
            return directory
        }
        throw PGTestClusterError.binariesMissing(searched: candidates.first ?? "/usr/lib/postgresql/*/bin")
    }
}

/// initdb and postgres refuse to run as root; as root, tools run as `postgres` via setpriv.
struct PGServerAccount {
    /// The uid/gid to switch to, or nil when already unprivileged.
    let ids: (uid: uid_t, gid: gid_t)?

    static func current() throws -> PGServerAccount {
        guard getuid() == 0 else { return PGServerAccount(ids: nil) }
        guard let entry = getpwnam("postgres") else { throw PGTestClusterError.serverUserMissing }
        return PGServerAccount(ids: (entry.pointee.pw_uid, entry.pointee.pw_gid))
    }

    /// `tool` prefixed with setpriv when switching users; `deathSignal` makes the server quit
    /// (immediate shutdown) when the thread that spawned it dies.
    func command(_ tool: String, deathSignal: Bool = false) -> [String] {
        guard let ids else { return [tool] }
        var prefix = ["/usr/bin/setpriv", "--reuid=\(ids.uid)", "--regid=\(ids.gid)", "--init-groups"]
        if deathSignal { prefix += ["--pdeathsig", "SIGQUIT"] }
        return prefix + ["--", tool]
    }
}

/// Removes `/tmp/pgtest.*` directories left by killed test runs: those whose postmaster.pid
/// names a process that is gone, or (no server running) whose owner.pid names a test process
/// that is gone, or with neither file and over an hour old. Directories of live servers and
/// live test runs (other people's) are left alone.
public enum PGStaleClusters {
    public static func remove(in directory: String = "/tmp") {
        let fileManager = FileManager.default
        guard let entries = try? fileManager.contentsOfDirectory(atPath: directory) else { return }
        for entry in entries where entry.hasPrefix("pgtest.") {
            let base = directory + "/" + entry
            let stale: Bool
            if let pid = pidFile(base + "/data/postmaster.pid") {
                stale = !isRunning(pid)
            } else if let owner = pidFile(base + "/owner.pid") {
                stale = !isRunning(owner)
            } else if let attributes = try? fileManager.attributesOfItem(atPath: base),
                let modified = attributes[.modificationDate] as? Date
            {
                stale = Date().timeIntervalSince(modified) > 3600
            } else {
                stale = false
            }
            if stale { try? fileManager.removeItem(atPath: base) }
        }
    }

    /// The pid on the first line of `path`, if the file exists and holds one.
    private static func pidFile(_ path: String) -> Int32? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        return Int32(text.split(separator: "\n").first ?? "").flatMap { $0 > 0 ? $0 : nil }
    }

    private static func isRunning(_ pid: Int32) -> Bool { kill(pid, 0) == 0 || errno != ESRCH }
}
