import Synchronization
import Testing

@testable import PlannerStorage

/// Concurrent plans share reads of the change log, but each must see a read that began after it asked.
@Suite("SharedRefresh: shared runs, never a stale one")
struct SharedRefreshTests {
    /// Counts runs: how many began, and the highest begin-number among those that ended.
    final class Runs: Sendable {
        private let counts = Mutex((began: 0, endedUpTo: 0))
        func begin() -> Int { counts.withLock { $0.began += 1; return $0.began } }
        func end(_ number: Int) { counts.withLock { $0.endedUpTo = max($0.endedUpTo, number) } }
        var began: Int { counts.withLock { $0.began } }
        var endedUpTo: Int { counts.withLock { $0.endedUpTo } }
    }

    @Test("every caller returns only after a run that began after it called has ended")
    func neverStale() async throws {
        let shared = SharedRefresh()
        let runs = Runs()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for caller in 0..<400 {
                group.addTask {
                    if caller % 7 == 0 { await Task.yield() }
                    let arrivedAfter = runs.began
                    try await shared.run {
                        let number = runs.begin()
                        if number % 3 == 0 { try await Task.sleep(for: .milliseconds(1)) } else { await Task.yield() }
                        runs.end(number)
                    }
                    #expect(runs.endedUpTo > arrivedAfter, "caller \(caller) was served by a run that began before it asked")
                }
            }
            try await group.waitForAll()
        }
        #expect(runs.began >= 1 && runs.began <= 400)
    }

    @Test("callers waiting while a run is held open are all served by one more run")
    func batches() async throws {
        let shared = SharedRefresh()
        let runs = Runs()
        let gate = AsyncStream<Void>.makeStream()
        let first = Task {
            try await shared.run {
                _ = runs.begin()
                for await _ in gate.stream { break }  // held open until the others wait
            }
        }
        while runs.began == 0 { await Task.yield() }
        let waiters = (0..<50).map { _ in Task { try await shared.run { _ = runs.begin() } } }
        while shared.waitingCount < 50 { await Task.yield() }
        gate.continuation.yield()
        try await first.value
        for waiter in waiters { try await waiter.value }
        #expect(runs.began == 2, "the 50 callers that waited shared one run")
    }

    struct Failure: Error, Equatable {}

    @Test("a failed run fails every caller it served, and the next caller runs again")
    func failures() async throws {
        let shared = SharedRefresh()
        let runs = Runs()
        let gate = AsyncStream<Void>.makeStream()
        let first = Task { try await shared.run { _ = runs.begin(); for await _ in gate.stream { break } } }
        while runs.began == 0 { await Task.yield() }
        let waiters = (0..<10).map { _ in Task { try await shared.run { _ = runs.begin(); throw Failure() } } }
        while shared.waitingCount < 10 { await Task.yield() }
        gate.continuation.yield()
        try await first.value
        for waiter in waiters { await #expect(throws: Failure.self) { try await waiter.value } }
        try await shared.run { _ = runs.begin() }
        #expect(runs.began == 3)
    }

    @Test("cancelling the caller that leads a run does not fail the callers it serves")
    func cancelledLeader() async throws {
        let shared = SharedRefresh()
        let runs = Runs()
        let holding = AsyncStream<Void>.makeStream()
        let gate = AsyncStream<Void>.makeStream()
        let first = Task { try await shared.run { _ = runs.begin() } }
        try await first.value
        // The second run is led by `leader` and held open at the gate; `follower` waits for the third.
        let blocker = Task { try await shared.run { holding.continuation.yield(); for await _ in gate.stream { break } } }
        for await _ in holding.stream { break }
        let leader = Task {
            try await shared.run {
                _ = runs.begin()
                try Task.checkCancellation()
            }
        }
        while shared.waitingCount < 1 { await Task.yield() }
        let follower = Task { try await shared.run { _ = runs.begin() } }
        while shared.waitingCount < 2 { await Task.yield() }
        leader.cancel()
        gate.continuation.yield()
        try await blocker.value
        try await follower.value
        try await leader.value
        #expect(runs.began == 2, "the leader's run served the follower, uncancelled")
    }
}
