/// Why a throwaway PostgreSQL server could not be started, used or stopped.
///
/// The ``description`` names what went wrong and how to fix it, and, when a program failed, ends with
/// that program's output and the tail of the server log.
public struct PostgresTestServerError: Error, CustomStringConvertible, Sendable {
    /// The kind of failure, stable enough to match on.
    public enum Code: String, Sendable {
        /// `initdb`, `pg_ctl` or `createdb` is not installed (or not where it is looked for).
        case programsNotFound = "programs-not-found"
        /// This process is root and there is no `postgres` system user (or no `runuser`/`setpriv`) to run the server as.
        case serverUserUnavailable = "server-user-unavailable"
        /// The temporary directory for the cluster could not be made or handed to the server user.
        case temporaryDirectory = "temporary-directory"
        /// No free TCP port could be found on 127.0.0.1.
        case noFreePort = "no-free-port"
        /// A program could not be launched at all.
        case launchFailed = "launch-failed"
        /// `initdb` failed.
        case initdbFailed = "initdb-failed"
        /// `pg_ctl start` failed (after retrying with other ports when the port was taken).
        case startFailed = "start-failed"
        /// `createdb` failed.
        case createDatabaseFailed = "create-database-failed"
        /// The server was already stopped.
        case stopped = "stopped"
    }

    /// The kind of failure.
    public let code: Code
    /// What went wrong, how to fix it, and the captured output that shows why.
    public let description: String

    /// An error of kind `code` described by `description`.
    public init(code: Code, description: String) {
        self.code = code
        self.description = description
    }
}
