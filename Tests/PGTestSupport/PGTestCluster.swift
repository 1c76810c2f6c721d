import Foundation
import Ingestion
import RxCore

/// A throwaway PostgreSQL server for tests: initdb in `/tmp/pgtest.XXXXXX`, run as the
/// unprivileged `postgres` user when the tests run as root, unix socket only, fsync off.
///
/// The server is a direct child (no pg_ctl daemon: Foundation's `Process` would wait forever on
/// the inherited socket), spawned from a thread that lives as long as the server so
/// `setpriv --pdeathsig` stops it even if the test process is killed. One cluster per test
/// process (`shared()`), stopped at exit; tests isolate themselves with `createDatabase`.
public final class PGTestCluster: Sendable {
    /// The private directory holding the data directory, socket and logs.
    public let base: String
    /// Only names the socket file `.s.PGSQL.<port>`: there is no TCP listener.
    public let port: Int
    public let binDirectory: String
    private let serverPID: Int32
    private let exited: DispatchSemaphore
    private let databaseCounter = Locked(0)
    private let stopped = Locked(false)

    /// Role whose local connections must give a password (scram-sha-256); every other role
    /// is trusted. Tests create it with `createPasswordRole`.
    public static let passwordRole = "rx_password_user"

    /// libpq connection string for `database` as `user` (no password).
    public func conninfo(database: String = "postgres", user: String = "postgres") -> String {
        "host=\(base) port=\(port) user=\(user) dbname=\(database)"
    }

    /// The process-wide cluster, started on first use and stopped when the process exits.
    public static func shared() throws -> PGTestCluster {
        try sharedState.withLock { state throws -> PGTestCluster in
            if state == nil {
                state = Result { try PGTestCluster.start() }
                if case .success = state { atexit { PGTestCluster.stopShared() } }
            }
            return try state!.get()
        }
    }

    /// Creates an empty database with a unique name starting with `prefix`; returns its name.
    public func createDatabase(_ prefix: String) throws -> String {
        let number = databaseCounter.withLock { value -> Int in
            value += 1
            return value
        }
        let name = "\(prefix.lowercased())_\(number)"
        let admin = try PostgresConnection(conninfo())
        try admin.execute("CREATE DATABASE \(try admin.quoteIdentifier(name))")
        return name
    }

    /// Creates (or resets) `passwordRole` with `password`, allowed to connect and create tables.
    public func createPasswordRole(password: String) throws {
        let admin = try PostgresConnection(conninfo())
        let role = try admin.quoteIdentifier(Self.passwordRole)
        let exists = try admin.query("SELECT 1 FROM pg_roles WHERE rolname = $1", parameters: [Self.passwordRole])
        if exists.isEmpty { try admin.execute("CREATE ROLE \(role) LOGIN") }
        // ALTER ROLE takes no bind parameters; escape the literal the SQL way.
        try admin.execute("ALTER ROLE \(role) PASSWORD '\(password.replacingOccurrences(of: "'", with: "''"))'")
    }

    /// Starts a new cluster (most tests want `shared()` instead).
    public static func start(port: Int = 54329) throws -> PGTestCluster {
        let bin = try PGBinaries.locate()
        let account = try PGServerAccount.current()
        PGStaleClusters.remove()
        let base = try makeBaseDirectory(owner: account)
        do {
            try runToCompletion(
                account.command(bin + "/initdb")
                    + ["-D", base + "/data", "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C", "-N", "--no-instructions"],
                in: base, log: base + "/initdb.log")
            try writeHBA(base + "/data/pg_hba.conf")
            return try launch(bin: bin, base: base, port: port, account: account)
        } catch {
            try? FileManager.default.removeItem(atPath: base)
            throw error
        }
    }

    /// Fast shutdown (SIGINT), waits for the postmaster to exit, removes the directory.
    public func stop() {
        let first = stopped.withLock { flag -> Bool in
            defer { flag = true }
            return !flag
        }
        guard first else { return }
        kill(serverPID, SIGINT)
        if exited.wait(timeout: .now() + 30) == .timedOut {
            kill(serverPID, SIGQUIT)
            _ = exited.wait(timeout: .now() + 10)
        }
        try? FileManager.default.removeItem(atPath: base)
    }

    private init(base: String, port: Int, binDirectory: String, serverPID: Int32, exited: DispatchSemaphore) {
        self.base = base
        self.port = port
        self.binDirectory = binDirectory
        self.serverPID = serverPID
        self.exited = exited
    }
}

/// Why the test cluster could not start; tests fail with this message, never skip.
public enum PGTestClusterError: Error, CustomStringConvertible {
    case binariesMissing(searched: String)
    case serverUserMissing
    case commandFailed(command: String, status: Int32, log: String)
    case serverDidNotStart(log: String)

    public var description: String {
        switch self {
        case .binariesMissing(let searched):
            return "PostgreSQL server binaries (initdb, postgres) not found in \(searched): run `make setup` to install them"
        case .serverUserMissing:
            return "the unprivileged `postgres` user does not exist (tests run as root need it for initdb): run `make setup`"
        case .commandFailed(let command, let status, let log):
            return "\(command) exited with status \(status):\n\(log)"
        case .serverDidNotStart(let log):
            return "the test PostgreSQL server did not become ready:\n\(log)"
        }
    }
}

extension PGTestCluster {
    private static let sharedState = Locked<Result<PGTestCluster, any Error>?>(nil)

    fileprivate static func stopShared() {
        let cluster = sharedState.withLock { state -> PGTestCluster? in
            if case .success(let cluster) = state { return cluster }
            return nil
        }
        cluster?.stop()
    }

    private static func makeBaseDirectory(owner: PGServerAccount) throws -> String {
        var template = Array("/tmp/pgtest.XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else {
            throw PGTestClusterError.commandFailed(command: "mkdtemp /tmp/pgtest.XXXXXX", status: errno, log: String(cString: strerror(errno)))
        }
        let base = String(cString: made)
        // Lets a later run tell that this directory's test process is gone (see PGStaleClusters).
        try "\(getpid())\n".write(toFile: base + "/owner.pid", atomically: false, encoding: .utf8)
        if let ids = owner.ids { chown(base, ids.uid, ids.gid) }
        chmod(base, 0o700)
        return base
    }

    /// Passwords for `passwordRole`, trust for everyone else; unix socket only.
    private static func writeHBA(_ path: String) throws {
        let rules = """
            local all \(passwordRole) scram-sha-256
            local all all trust

            """
        try rules.write(toFile: path, atomically: false, encoding: .utf8)
    }

    private static func launch(bin: String, base: String, port: Int, account: PGServerAccount) throws -> PGTestCluster {
        let arguments =
            account.command(bin + "/postgres", deathSignal: true) + [
                "-D", base + "/data", "-k", base, "-p", String(port), "-c", "listen_addresses=",
                "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
            ]
        let log = base + "/server.log"
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let started = DispatchSemaphore(value: 0)
        let exited = DispatchSemaphore(value: 0)
        let launch = Locked<Result<Int32, any Error>?>(nil)
        // The spawning thread must outlive the server: pdeathsig fires when it exits.
        let thread = Thread {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: arguments[0])
            process.arguments = Array(arguments.dropFirst())
            process.currentDirectoryURL = URL(fileURLWithPath: base)
            process.standardInput = FileHandle.nullDevice
            let output = FileHandle(forWritingAtPath: log)
            process.standardOutput = output
            process.standardError = output
            do {
                try process.run()
                launch.withLock { $0 = .success(process.processIdentifier) }
                started.signal()
                process.waitUntilExit()
            } catch {
                launch.withLock { $0 = .failure(error) }
                started.signal()
            }
            exited.signal()
        }
        thread.name = "pgtest-postmaster"
        thread.start()
        started.wait()
        let pid = try launch.withLock { try $0!.get() }
        let cluster = PGTestCluster(base: base, port: port, binDirectory: bin, serverPID: pid, exited: exited)
        let probe = cluster.conninfo() + " connect_timeout=2"
        let deadline = Date().addingTimeInterval(30)
        while PostgresConnection.ping(probe) != .ok {
            if exited.wait(timeout: .now()) == .success || Date() > deadline {
                cluster.stop()
                throw PGTestClusterError.serverDidNotStart(log: (try? String(contentsOfFile: log, encoding: .utf8)) ?? "")
            }
            usleep(20_000)
        }
        return cluster
    }

    /// Runs a tool that does not daemonise, with its output in `log`.
    private static func runToCompletion(_ command: [String], in directory: String, log: String) throws {
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst())
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.standardInput = FileHandle.nullDevice
        let output = FileHandle(forWritingAtPath: log)
        process.standardOutput = output
        process.standardError = output
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw PGTestClusterError.commandFailed(
                command: command.joined(separator: " "), status: process.terminationStatus,
                log: (try? String(contentsOfFile: log, encoding: .utf8)) ?? "")
        }
    }
}
