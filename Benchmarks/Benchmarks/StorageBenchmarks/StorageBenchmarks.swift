import Benchmark
import Foundation
import PlannerBenchmarkFixtures
import PlannerStorage

/// Holding and accepting offers in SQLite (synchronous = FULL, so every write waits for the disk)
/// with 0, 1 000 and 100 000 live bookings on the service. Each iteration measures only what the
/// benchmark names, and undoes it afterwards (unmeasured) so that every iteration meets the same
/// database.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal, .throughput], maxDuration: .seconds(10), maxIterations: 400)

    for count in [0, 1_000, 100_000] {
        Benchmark(
            "Accept a held offer (SQLite), \(count) live bookings",
            closure: { (benchmark: Benchmark, scenario: AcceptScenario) in
                for _ in benchmark.scaledIterations {
                    guard let id = try await scenario.holdOne() else { fatalError("no room to hold an offer") }
                    benchmark.startMeasurement()
                    let booked = try await scenario.accept(id)
                    benchmark.stopMeasurement()
                    // Cancel it (unmeasured) so that every iteration meets the same database.
                    try await scenario.release(booked)
                }
            },
            setup: { try await AcceptScenario(reservations: count) })

        Benchmark(
            "Plan and hold (SQLite), \(count) live bookings",
            closure: { (benchmark: Benchmark, scenario: AcceptScenario) in
                for _ in benchmark.scaledIterations {
                    benchmark.startMeasurement()
                    let id = try await scenario.holdOne()
                    benchmark.stopMeasurement()
                    guard let id else { fatalError("no room to hold an offer") }
                    try await scenario.reject(id)
                }
            },
            setup: { try await AcceptScenario(reservations: count) })
    }
}
