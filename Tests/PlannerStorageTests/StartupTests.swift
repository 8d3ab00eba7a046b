import Foundation
import PlannerKernel
import Testing

@testable import PlannerStorage

/// Daemons that start together on a new database: each migrates it, and every one of them must come up.
@Suite struct StartupTests {
    @Test(arguments: EngineKind.allCases)
    func daemonsStartingTogetherAllOpen(kind: EngineKind) async throws {
        let planner = try Probe.planner()
        // The race is between reading which migrations were applied and applying them: it needs many
        // fresh databases to show (about 1 start in 30 failed on SQLite when this was written).
        let rounds = kind == .sqlite ? 50 : 3
        let daemons = 4
        var failures: [String] = []
        for _ in 0..<rounds {
            try await TestDatabase.with(kind) { database in
                try await database.withEngines(daemons) { engines in
                    let books = engines.map { ReservationBook(planner: planner, engine: $0) }
                    let errors = await withTaskGroup(of: String?.self) { group in
                        for book in books {
                            group.addTask {
                                do {
                                    try await book.open(now: Probe.t0)
                                    return nil
                                } catch {
                                    return String(describing: error)
                                }
                            }
                        }
                        var errors: [String] = []
                        for await error in group { if let error { errors.append(error) } }
                        return errors
                    }
                    failures += errors
                    guard errors.isEmpty else { return }
                    // And they work together afterwards.
                    _ = try await books[0].holdOne(cores: 10)
                    #expect(!(try await books[daemons - 1].fits(cores: 1)))
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.count) of \(rounds * daemons) starts failed, first: \(failures.first ?? "")")
    }
}
