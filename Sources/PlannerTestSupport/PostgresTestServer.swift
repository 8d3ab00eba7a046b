import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A throwaway PostgreSQL server for tests: a fresh cluster in a temporary folder, listening on a free TCP
/// port of 127.0.0.1 with `trust` authentication for the superuser ``user``, tuned for speed over
/// durability (`fsync`, `synchronous_commit` and `full_page_writes` off) and allowing
/// ``maxConnections`` connections.
///
/// ```swift
/// let server = try PostgresTestServer.shared()        // or .start(), then stop() when done
/// try server.createDatabase(named: "offers_\(UUID().uuidString.prefix(8).lowercased())")
/// ```
///
/// The server (`postgres` itself, not `pg_ctl start`, whose daemon would leave Foundation's `Process`
/// waiting forever) is a child of this process; when this process is root it runs as the `postgres` system
/// user, since PostgreSQL refuses root. ``stop()`` shuts it down and deletes the folder; deinit does the
/// same. A watchdog shell does it too as soon as this process ends without stopping the server
/// (``shared()``, a `static let`, a crash).
public final class PostgresTestServer: Sendable {
    /// The `max_connections` the server is started with.
    public static let maxConnections = 300

    /// The address the server listens on: always `127.0.0.1`.
    public let host: String
    /// The TCP port the server listens on.
    public let port: Int
    /// The superuser, which needs no password: always `plannerd`.
    public let user: String
    /// The folder of the PostgreSQL programs used (for example `/usr/lib/postgresql/15/bin`).
    public let binDirectory: String

    private let installation: PostgresInstallation
    private let directory: URL
    private let state: Mutex<State>

    /// Whether the server was stopped, and the processes to end when it is.
    private struct State {
        var stopped = false
        var postmaster: Process?
        var watchdog: Watchdog?
    }

    private static let superuser = "plannerd"
    private static let sharedServer = Result { try PostgresTestServer.start() }

    private init(
        installation: PostgresInstallation, directory: URL, port: Int,
        postmaster: sending Process, watchdog: sending Watchdog?
    ) {
        self.host = "127.0.0.1"
        self.port = port
        self.user = Self.superuser
        self.binDirectory = installation.binDirectory.path
        self.installation = installation
        self.directory = directory
        self.state = Mutex(State(postmaster: postmaster, watchdog: watchdog))
    }

    deinit { stop() }

    /// The one server of this process, started on first use and never stopped by the caller: the watchdog
    /// stops it and deletes its folder once the process ends. Every call gets the same server, or the same error.
    public static func shared() throws -> PostgresTestServer {
        try sharedServer.get()
    }

    /// Creates a cluster in a new temporary folder and starts a server on it, returning once it accepts connections.
    /// - Throws: ``PostgresTestServerError`` naming what is missing or failed, with the programs' output and the log tail.
    public static func start() throws -> PostgresTestServer {
        let installation = try PostgresInstallation.locate()
        let directory = try makeDirectory(for: installation)
        let data = directory.appendingPathComponent("data")
        do {
            let initdb = try ToolRunner.run(installation.serverUserPrefix + [
                installation.program("initdb"), "-D", data.path, "-U", superuser,
                "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync",
            ], in: directory)
            guard initdb.succeeded else {
                throw PostgresTestServerError(code: .initdbFailed, description: "initdb failed:\n\(initdb.transcript)")
            }
            let (postmaster, port) = try startServer(installation: installation, directory: directory)
            let watchdog = try? launchWatchdog(installation: installation, directory: directory)
            return PostgresTestServer(
                installation: installation, directory: directory, port: port, postmaster: postmaster, watchdog: watchdog)
        } catch {
            shutDown(installation: installation, directory: directory)
            try? FileManager.default.removeItem(at: directory)
            throw error
        }
    }

    /// Creates the empty database `name`, owned by ``user`` (`createdb`). Use a unique name per test suite.
    /// - Throws: ``PostgresTestServerError`` with `createdb`'s output, for example when the name is taken.
    public func createDatabase(named name: String) throws {
        guard !state.withLock({ $0.stopped }) else {
            throw PostgresTestServerError(code: .stopped, description: "cannot create database \(name): the server was stopped")
        }
        let result = try ToolRunner.run([
            installation.program("createdb"), "-w", "-h", host, "-p", String(port), "-U", user, name,
        ])
        guard result.succeeded else {
            throw PostgresTestServerError(code: .createDatabaseFailed, description: """
                createdb failed:
                \(result.transcript)
                \(Self.logTail(directory))
                """)
        }
    }

    /// The connection URL of database `database`: `postgres://plannerd@127.0.0.1:PORT/NAME` (no password).
    public func url(database: String) -> String {
        let name = database.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? database
        return "postgres://\(user)@\(host):\(port)/\(name)"
    }

    /// Shuts the server down at once (`pg_ctl -m immediate stop`) and deletes its folder. Calling it again does nothing.
    public func stop() {
        state.withLock { state in
            guard !state.stopped else { return }
            state.stopped = true
            Self.shutDown(installation: installation, directory: directory)
            if let postmaster = state.postmaster { Self.waitForExit(of: postmaster, seconds: 10) }
            try? FileManager.default.removeItem(at: directory)
            if let watchdog = state.watchdog {  // finds the folder gone and ends
                try? watchdog.lifeline.close()
                Self.waitForExit(of: watchdog.process, seconds: 2)
            }
            state.postmaster = nil
            state.watchdog = nil
        }
    }

    // MARK: - Steps

    /// Starts the server on a free port and waits until it accepts connections, trying other ports when the
    /// chosen one was taken meanwhile. Returns the running server process and its port.
    private static func startServer(installation: PostgresInstallation, directory: URL) throws -> (Process, Int) {
        let log = directory.appendingPathComponent("server.log")
        let pidFile = directory.appendingPathComponent("data").appendingPathComponent("postmaster.pid")
        guard FileManager.default.createFile(atPath: log.path, contents: nil),
            let logHandle = try? FileHandle(forWritingTo: log)
        else {
            throw PostgresTestServerError(code: .temporaryDirectory, description: "cannot create the server log \(log.path)")
        }
        defer { try? logHandle.close() }
        let attempts = 5
        for attempt in 1...attempts {
            let port = try FreePort.pick()
            let logStart = Int(logHandle.seekToEndOfFile())
            let postmaster = try ToolRunner.launch(installation.serverUserPrefix + [
                installation.program("postgres"), "-D", directory.appendingPathComponent("data").path,
                "-p", String(port), "-k", directory.path, "-c", "listen_addresses=127.0.0.1",
                "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
                "-c", "max_connections=\(maxConnections)",
            ], output: logHandle, in: directory)
            let deadline = Date().addingTimeInterval(60)
            while postmaster.isRunning && Date() < deadline && !isReady(pidFile) {
                Thread.sleep(forTimeInterval: 0.02)
            }
            if postmaster.isRunning && isReady(pidFile) { return (postmaster, port) }
            let problem: String
            if postmaster.isRunning {
                problem = "the server was not ready after 60 s"
                shutDown(installation: installation, directory: directory)
                waitForExit(of: postmaster, seconds: 10)
            } else {
                problem = "the server exited with status \(postmaster.terminationStatus)"
                let newLog = String(decoding: (try? Data(contentsOf: log))?.dropFirst(logStart) ?? Data(), as: UTF8.self)
                let portTaken = ["could not bind", "already in use", "could not create any TCP/IP sockets"]
                    .contains { newLog.contains($0) }
                if portTaken && attempt < attempts { continue }
            }
            throw PostgresTestServerError(code: .startFailed, description: """
                starting the PostgreSQL server failed (attempt \(attempt) of \(attempts), port \(port)): \(problem).
                $ \(postmaster.executableURL?.path ?? "") \((postmaster.arguments ?? []).joined(separator: " "))
                \(logTail(directory))
                """)
        }
        throw PostgresTestServerError(
            code: .startFailed, description: "starting the PostgreSQL server failed: every port tried was taken")
    }

    /// Whether the server's lock file says it accepts connections (its 8th line is `ready`, as `pg_ctl -w` checks).
    private static func isReady(_ pidFile: URL) -> Bool {
        guard let text = try? String(contentsOf: pidFile, encoding: .utf8) else { return false }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return lines.count >= 8 && lines[7].trimmingCharacters(in: .whitespaces) == "ready"
    }

    /// Waits up to `seconds` for `process` to end, then asks it to terminate.
    private static func waitForExit(of process: Process, seconds: Double) {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        if process.isRunning { process.terminate() }
    }

    /// A shell that stops the server and deletes its folder once this process is gone.
    private struct Watchdog {
        /// The shell.
        var process: Process
        /// The write end of the pipe the shell reads; it sees end-of-file when this process ends or closes it.
        var lifeline: FileHandle
    }

    /// Starts a ``Watchdog`` for the server in `directory`. It waits for end-of-file on its input, which comes when
    /// this process closes the pipe (``stop()``, after deleting the folder) or ends in any way, even killed; then,
    /// if the folder is still there, it stops the server and deletes the folder. It ignores the signals a
    /// terminal or a test runner sends to the whole process group (Ctrl-C, SIGTERM).
    private static func launchWatchdog(installation: PostgresInstallation, directory: URL) throws -> Watchdog {
        let script = """
            trap '' INT HUP QUIT TERM
            top=$1; shift
            while read -r _; do :; done
            if [ -d "$top" ]; then "$@"; rm -rf "$top"; fi
            """
        let lifeline = Pipe()
        // Keep the write end out of every other child, or it would hold the pipe open after this process ends.
        _ = fcntl(lifeline.fileHandleForWriting.fileDescriptor, F_SETFD, FD_CLOEXEC)
        let process = try ToolRunner.launch(
            ["/bin/sh", "-c", script, "plannerd-pg-watchdog", directory.path]
                + stopCommand(installation: installation, directory: directory),
            input: lifeline)
        return Watchdog(process: process, lifeline: lifeline.fileHandleForWriting)
    }

    /// `pg_ctl -m immediate stop` for the cluster in `directory`, as the server user.
    private static func stopCommand(installation: PostgresInstallation, directory: URL) -> [String] {
        installation.serverUserPrefix + [
            installation.program("pg_ctl"), "-D", directory.appendingPathComponent("data").path,
            "-m", "immediate", "-w", "-t", "30", "stop",
        ]
    }

    /// Stops the server of `directory` if it runs: `pg_ctl -m immediate stop`, else SIGQUIT to the postmaster.
    private static func shutDown(installation: PostgresInstallation, directory: URL) {
        let pidFile = directory.appendingPathComponent("data").appendingPathComponent("postmaster.pid")
        guard let contents = try? String(contentsOf: pidFile, encoding: .utf8) else { return }
        if let result = try? ToolRunner.run(stopCommand(installation: installation, directory: directory), in: directory),
            result.succeeded
        {
            return
        }
        if let line = contents.split(separator: "\n").first, let pid = Int32(line.trimmingCharacters(in: .whitespaces)),
            pid > 0
        {
            kill(pid, SIGQUIT)
        }
    }

    /// Creates a new, empty folder for the cluster, owned by the server user when root. When root, the folder
    /// goes under /tmp if the usual temporary folder is closed to other users (so `postgres` can reach it).
    private static func makeDirectory(for installation: PostgresInstallation) throws -> URL {
        let files = FileManager.default
        var base = files.temporaryDirectory
        if installation.serverOwner != nil && !othersCanTraverse(base) { base = URL(fileURLWithPath: "/tmp") }
        let name = "plannerd-pg-" + UUID().uuidString.prefix(8).lowercased()
        let directory = base.appendingPathComponent(name, isDirectory: true)
        do {
            try files.createDirectory(at: directory, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
            if let owner = installation.serverOwner {
                try files.setAttributes(
                    [.ownerAccountID: NSNumber(value: owner.uid), .groupOwnerAccountID: NSNumber(value: owner.gid)],
                    ofItemAtPath: directory.path)
            }
        } catch {
            try? files.removeItem(at: directory)
            let forWhom = installation.serverOwner == nil ? "" : " for the postgres user"
            throw PostgresTestServerError(
                code: .temporaryDirectory, description: "cannot prepare the cluster folder \(directory.path)\(forWhom): \(error)")
        }
        return directory
    }

    /// Whether users other than the owner may pass through every folder on the way to `url`.
    private static func othersCanTraverse(_ url: URL) -> Bool {
        var folder = url.standardizedFileURL
        while true {
            let attributes = try? FileManager.default.attributesOfItem(atPath: folder.path)
            let mode = (attributes?[.posixPermissions] as? NSNumber)?.intValue ?? 0
            if mode & 0o001 == 0 { return false }
            if folder.path == "/" || folder.path.isEmpty { return true }
            folder = folder.deletingLastPathComponent()
        }
    }

    /// The end of the server log of `directory`, for error messages.
    private static func logTail(_ directory: URL) -> String {
        let log = directory.appendingPathComponent("server.log")
        return "server log \(log.path), last lines:\n\(ToolRunner.tail(of: log))"
    }
}
