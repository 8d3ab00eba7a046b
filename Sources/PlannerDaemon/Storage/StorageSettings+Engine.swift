import Foundation
import Logging
import PlannerKernel
import PlannerStorage
import ServiceLifecycle

extension StorageSettings {
    /// Opens the engine; a file that cannot be opened is a configuration error naming `storage`.
    func makeEngine(logger: Logger, source: String) throws(ConfigurationError) -> any ReservationStorageEngine {
        switch self {
        case .sqlite(let path):
            do {
                return try SQLiteReservationEngine(path: path)
            } catch {
                throw ConfigurationError(source: source, problems: [Problem(
                    path: JSONPointer(tokens: ["storage", "sqlite"]), code: .invalidFormat,
                    message: "the SQLite file \(path) cannot be opened: \(error)")])
            }
        case .postgres(let location):
            return PostgresReservationEngine(location: location, logger: logger)
        }
    }
}

/// Runs what the storage engine needs in the background (PostgreSQL's connection pool) for as
/// long as the daemon runs.
struct StorageEngineService: Service {
    let engine: any ReservationStorageEngine

    func run() async throws {
        if let postgres = engine as? PostgresReservationEngine {
            await cancelWhenGracefulShutdown { await postgres.run() }
        } else {
            try? await gracefulShutdown()
        }
    }
}
