import Foundation

/// Where a PostgreSQL database is, read from a `postgres://user[:password]@host[:port]/database`
/// URL (the configuration's `storage.postgres`), with an optional `?sslmode=disable|prefer|require`
/// (default `prefer`, as libpq).
public struct PostgresLocation: Sendable, Hashable, CustomStringConvertible {
    /// How to use TLS.
    public enum TLSMode: String, Sendable, Hashable, CaseIterable {
        /// Never.
        case disable
        /// When the server offers it.
        case prefer
        /// Always; refuse a server without it.
        case require
    }

    /// The server's host.
    public var host: String
    /// The server's port.
    public var port: Int
    /// The user to log in as.
    public var user: String
    /// The password, if any (never shown in ``description``).
    public var password: String?
    /// The database.
    public var database: String
    /// TLS.
    public var tls: TLSMode

    /// Reads a URL; the error says what is wrong with it (never quoting a password).
    public init(url text: String) throws(LocationError) {
        guard let components = URLComponents(string: text), let scheme = components.scheme,
            scheme == "postgres" || scheme == "postgresql"
        else { throw LocationError("expected a URL of the form postgres://user@host[:port]/database") }
        guard let host = components.host, !host.isEmpty else { throw LocationError("the URL has no host") }
        guard let user = components.percentEncodedUser?.removingPercentEncoding, !user.isEmpty else { throw LocationError("the URL names no user (postgres://user@host/database)") }
        let database = String(components.percentEncodedPath.drop { $0 == "/" })
        guard !database.isEmpty, !database.contains("/") else { throw LocationError("the URL names no database (postgres://user@host/database)") }
        var tls = TLSMode.prefer
        for item in components.queryItems ?? [] {
            guard item.name == "sslmode", let mode = item.value.flatMap(TLSMode.init(rawValue:)) else {
                throw LocationError("the only query parameter understood is sslmode=disable|prefer|require")
            }
            tls = mode
        }
        if let port = components.port, !(1...65535).contains(port) { throw LocationError("the port must be 1–65535") }
        self.host = host
        self.port = components.port ?? 5432
        self.user = user
        self.password = components.percentEncodedPassword?.removingPercentEncoding
        self.database = database.removingPercentEncoding ?? database
        self.tls = tls
    }

    /// The location without its password.
    public var description: String { "postgres://\(user)@\(host):\(port)/\(database)?sslmode=\(tls.rawValue)" }

    /// Why a URL cannot be used.
    public struct LocationError: Error, Sendable, Hashable, CustomStringConvertible {
        /// What is wrong.
        public var description: String
        init(_ description: String) { self.description = description }
    }
}
