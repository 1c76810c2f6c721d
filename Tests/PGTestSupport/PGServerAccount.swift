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
/// names a process that is gone, or that never got a server and are over an hour old.
/// Directories of live servers (other people's test runs) are left alone.
public enum PGStaleClusters {
    public static func remove() {
        let fileManager = FileManager.default
        guard let entries = try? fileManager.contentsOfDirectory(atPath: "/tmp") else { return }
        for entry in entries where entry.hasPrefix("pgtest.") {
            let base = "/tmp/" + entry
            let pidFile = base + "/data/postmaster.pid"
            if let text = try? String(contentsOfFile: pidFile, encoding: .utf8) {
                guard let pid = Int32(text.split(separator: "\n").first ?? ""), pid > 0 else { continue }
                if kill(pid, 0) == -1 && errno == ESRCH { try? fileManager.removeItem(atPath: base) }
            } else if let attributes = try? fileManager.attributesOfItem(atPath: base),
                let modified = attributes[.modificationDate] as? Date, Date().timeIntervalSince(modified) > 3600
            {
                try? fileManager.removeItem(atPath: base)
            }
        }
    }
}
