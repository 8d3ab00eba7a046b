import Synchronization

/// Lets concurrent callers share one run of an idempotent refresh (reading the storage's change
/// log into the ledger) without ever using a run that began before they asked.
///
/// The first caller runs the refresh. Callers that arrive while it runs wait; when it ends, the
/// whole waiting batch is served by *one* new run, led by the first of them. Every caller
/// therefore sees a refresh that started after it arrived, as if it had run its own, while under
/// load the storage is read once per batch instead of once per caller. A failed run fails every
/// caller it served, as their own runs would have; a cancelled leader does not cancel its run.
final class SharedRefresh: Sendable {
    private typealias Waiter = CheckedContinuation<Turn, Never>

    /// What a waiting caller is woken for.
    private enum Turn: Sendable {
        /// Run the refresh, then wake `followers` with its outcome.
        case lead(followers: [Waiter])
        /// A run that began after this caller arrived ended with this outcome.
        case served(Result<Void, any Error>)
    }

    private struct State {
        var running = false
        /// Callers that arrived after the current run began.
        var waiting: [Waiter] = []
    }

    private let state = Mutex(State())

    init() {}

    /// How many callers wait for the next run (for tests).
    var waitingCount: Int { state.withLock { $0.waiting.count } }

    /// Runs `refresh`, or waits for a run that begins after this call, and returns its outcome.
    func run(_ refresh: @escaping @Sendable () async throws -> Void) async throws {
        let turn: Turn = await withCheckedContinuation { (waiter: Waiter) in
            let leads = state.withLock { state -> Bool in
                if state.running {
                    state.waiting.append(waiter)
                    return false
                }
                state.running = true
                return true
            }
            if leads { waiter.resume(returning: .lead(followers: [])) }
        }
        switch turn {
        case .served(let outcome):
            try outcome.get()
        case .lead(let followers):
            let outcome: Result<Void, any Error>
            do {
                // In a task of its own: the run serves the followers too, so the leader's
                // cancellation (its client went away) must not cancel it.
                try await Task { try await refresh() }.value
                outcome = .success(())
            } catch {
                outcome = .failure(error)
            }
            for follower in followers { follower.resume(returning: .served(outcome)) }
            handOver()
            try outcome.get()
        }
    }

    /// Ends the current run: the callers that arrived during it get a new run, led by the first.
    private func handOver() {
        let batch = state.withLock { state -> [Waiter] in
            let batch = state.waiting
            state.waiting = []
            if batch.isEmpty { state.running = false }
            return batch
        }
        guard let leader = batch.first else { return }
        leader.resume(returning: .lead(followers: Array(batch.dropFirst())))
    }
}
