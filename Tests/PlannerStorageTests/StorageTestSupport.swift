import Foundation
import Logging
import PlannerKernel
import PlannerTestSupport
import Testing

@testable import PlannerStorage

/// The database a parameterised storage test runs against.
enum EngineKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    /// A temporary SQLite file.
    case sqlite
    /// A fresh database on the shared throwaway PostgreSQL 15 server.
    case postgres

    var testDescription: String { rawValue }
}

/// One fresh, empty database of one kind, on which any number of engines (daemons) can be opened,
/// one after the other (a restart) or side by side (daemons sharing it).
///
/// ```swift
/// try await TestDatabase.with(kind) { database in
///     try await database.withEngines(2) { engines in … }
/// }
/// ```
struct TestDatabase: Sendable {
    /// Its kind.
    let kind: EngineKind
    /// The SQLite file's path, or the PostgreSQL URL.
    let location: String

    /// Quiet: PostgresNIO logs every connection at `info`.
    static let logger: Logger = {
        var logger = Logger(label: "plannerd.storage-tests")
        logger.logLevel = .error
        return logger
    }()

    /// Runs `body` with a new database (a file in a new temporary folder, or a new PostgreSQL database
    /// with a unique name); the folder is deleted afterwards.
    static func with<Result>(_ kind: EngineKind, _ body: (TestDatabase) async throws -> Result) async throws -> Result {
        let suffix = UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
        switch kind {
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plannerd-storage-\(suffix)", isDirectory: true)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            return try await body(TestDatabase(kind: kind, location: folder.appendingPathComponent("reservations.sqlite").path))
        case .postgres:
            let server = try PostgresTestServer.shared()
            let name = "reservations_\(suffix)"
            try server.createDatabase(named: name)
            return try await body(TestDatabase(kind: kind, location: server.url(database: name)))
        }
    }

    /// Opens `count` engine instances on this database (for PostgreSQL each with its own connection
    /// pool, whose `run()` goes on in a child task until `body` returns or throws) and runs `body`.
    func withEngines<Result>(_ count: Int, _ body: ([any ReservationStorageEngine]) async throws -> Result) async throws -> Result {
        switch kind {
        case .sqlite:
            let engines: [any ReservationStorageEngine] = try (0..<count).map { _ in try SQLiteReservationEngine(path: location) }
            return try await body(engines)
        case .postgres:
            let place = try PostgresLocation(url: location)
            let engines = (0..<count).map { _ in PostgresReservationEngine(location: place, logger: Self.logger) }
            return try await withThrowingTaskGroup(of: Void.self) { group in
                for engine in engines { group.addTask { await engine.run() } }
                defer { group.cancelAll() }
                return try await body(engines)
            }
        }
    }

    /// One engine on this database: see ``withEngines(_:_:)``.
    func withEngine<Result>(_ body: (any ReservationStorageEngine) async throws -> Result) async throws -> Result {
        try await withEngines(1) { engines in
            let engine = try #require(engines.first)
            return try await body(engine)
        }
    }

    /// Opens `count` books with `planner`, one per engine instance, at `now`, and runs `body`.
    func withBooks<Result>(
        _ count: Int, planner: OfferPlanner, now: Date, _ body: ([ReservationBook]) async throws -> Result
    ) async throws -> Result {
        try await withEngines(count) { engines in
            var books: [ReservationBook] = []
            for engine in engines {
                let book = ReservationBook(planner: planner, engine: engine)
                try await book.open(now: now)
                books.append(book)
            }
            return try await body(books)
        }
    }

    /// One book: see ``withBooks(_:planner:now:_:)``.
    func withBook<Result>(planner: OfferPlanner, now: Date, _ body: (ReservationBook) async throws -> Result) async throws -> Result {
        try await withBooks(1, planner: planner, now: now) { books in
            let book = try #require(books.first)
            return try await body(book)
        }
    }
}

/// Runs `body` and checks that it throws a ``ReservationError`` with `code` (and, when given, `state`).
func expectReservationError<Value>(
    _ code: ReservationError.Code, state: String? = nil, sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () async throws -> Value
) async {
    do {
        let value = try await body()
        Issue.record("expected ReservationError \(code), got \(value)", sourceLocation: sourceLocation)
    } catch let error as ReservationError {
        #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
        if let state { #expect(error.state == state, "\(error)", sourceLocation: sourceLocation) }
    } catch {
        Issue.record("expected ReservationError \(code), got \(type(of: error)): \(String(reflecting: error))", sourceLocation: sourceLocation)
    }
}

/// Whether `text` looks like an offer or booking id: 32 lowercase hex digits.
func isIdentifier(_ text: String?) -> Bool {
    guard let text else { return false }
    return text.utf8.count == 32 && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
}

/// The most cores that `bookings` (accepted, not cancelled) hold on one service at any instant.
func peakCores(_ bookings: [StoredOffer], service: String) -> Int64 {
    let live = bookings.filter { $0.service == service && $0.bookingState == .accepted }
    // The sum over a set of intervals is highest at one of their starts.
    return live.map { probe in
        live.filter { $0.start <= probe.start && probe.start < $0.end }.reduce(0) { $0 + $1.cores }
    }.max() ?? 0
}

extension ReservationLedger {
    /// Held and booked totals at `now`, leaving out services with nothing on them (a ledger that
    /// followed the log keeps zero entries that one loaded from a snapshot never had).
    func liveUsage(now: Int64) -> [String: Usage] {
        usage(now: now).filter { $0.value != Usage() }
    }
}
