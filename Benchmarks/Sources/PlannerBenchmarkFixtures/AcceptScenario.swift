public import Foundation
public import PlannerKernel
import PlannerKernelTesting
public import PlannerStorage

/// A ``ReservationBook`` on a fresh SQLite file that already holds `count` live bookings on one
/// pooled docker service (laid out as ``CapacityScenario`` lays out its timeline), for measuring
/// holds and accepts against a full database.
public final class AcceptScenario: Sendable {
    /// The book measured.
    public let book: ReservationBook
    /// The docker ask with `"hold": "10m"`, validated.
    public let heldAsk: OfferPlanner.ValidatedAsk
    /// The number of live bookings seeded.
    public let count: Int
    /// The SQLite file (removed by ``remove()``).
    public let path: String

    /// Seeds `count` bookings, then opens a new book on the file (which loads them into its ledger).
    public init(reservations count: Int) async throws {
        let capacity = CapacityScenario(reservations: count, busyFor: nil)
        path = FileManager.default.temporaryDirectory.appendingPathComponent("plannerd-bench-\(UUID().uuidString).sqlite").path
        let engine = try SQLiteReservationEngine(path: path)
        try await engine.migrate()
        try await Self.seed(engine, count: count)
        book = ReservationBook(planner: capacity.planner, engine: engine)
        try await book.open(now: PlanningFixtures.now)
        var text = PlanningFixtures.dockerAsk.trimmingCharacters(in: .whitespacesAndNewlines)
        text.removeLast()
        text += #", "hold": "10m"}"#
        guard case .success(let valid) = capacity.planner.validate(PlanningFixtures.parse(text)) else { fatalError("the held docker ask is invalid") }
        heldAsk = valid
        self.count = count
    }

    /// Holds the ask's offer and returns its id (`nil` when the pool had no room).
    public func holdOne() async throws -> String? {
        try await book.plan(heldAsk, caller: .anonymous, now: PlanningFixtures.now).offers.first?.id
    }

    /// Accepts offer `id`.
    public func accept(_ id: String) async throws -> StoredOffer {
        try await book.accept(offer: id, owner: nil, now: PlanningFixtures.now)
    }

    deinit { remove() }

    /// Cancels the booking `offer` became.
    public func release(_ offer: StoredOffer) async throws {
        guard let booking = offer.booking else { return }
        _ = try await book.cancel(booking: booking, owner: nil, now: PlanningFixtures.now)
    }

    /// Rejects the held offer `id`.
    public func reject(_ id: String) async throws {
        _ = try await book.reject(offer: id, owner: nil, now: PlanningFixtures.now)
    }

    /// Deletes the database files.
    public func remove() {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    /// `count` bookings of 1–4 cores (2Gi each), 10 minutes to 3 hours long, starting over
    /// `[now − 3h, now + 24h)`, written in one transaction with their change-log entries.
    static func seed(_ engine: SQLiteReservationEngine, count: Int) async throws {
        guard count > 0 else { return }
        let now = PlanningFixtures.nowSeconds
        let service = CapacityScenario.serviceName
        _ = try await engine.atomically(AtomicRead(changesAfter: 0, now: now)) { read in
            var random = SeededGenerator(seed: 0x5EED_0000 &+ UInt64(count))
            var write = AtomicWrite(nextKey: read.nextKey, result: 0)
            for index in 0..<count {
                let start = now - 3 * 3600 + Int64(random.next(below: 27 * 3600))
                let length = 600 + Int64(random.next(below: 170 * 60))
                let cores = 1 + Int64(random.next(below: 4))
                let offer = StoredOffer(
                    id: String(format: "%032x", index), offerSet: String(format: "s%031x", index), owner: nil,
                    key: write.nextKey, tasktype: "uri://docker-container", service: service, servicetype: "uri://docker-uws",
                    serviceinfo: ["endpoint": "http://example.org/uws"], resources: [:], start: start, end: start + length,
                    cores: cores, memory: cores << 31, created: now - 4 * 3600, expires: now - 3 * 3600, state: .accepted,
                    booking: String(format: "b%031x", index), bookingState: .accepted)
                write.nextKey += 1
                write.inserts.append(offer)
                write.changes.append(CapacityChange(version: read.version + Int64(index) + 1, kind: .book, offer: offer))
            }
            return write
        }
    }
}
