import PlannerKernel
import Testing

@testable import PlannerStorage

/// The in-memory mirror: applying the change log in order, snapshots, lapses.
@Suite struct ReservationLedgerTests {
    let pool = PlanningService(
        name: "pool", servicetype: "uri://pool", endpoint: "http://example.org/pool", taskTypes: [],
        capacity: ServiceCapacity(cores: 10, memory: MemoryQuantity(bytes: 10 << 30)))

    func change(_ version: Int64, _ kind: CapacityChange.Kind, key: Int64, cores: Int64 = 4, start: Int64 = 100, end: Int64 = 200, expires: Int64 = 150)
        -> CapacityChange
    {
        CapacityChange(version: version, kind: kind, key: key, service: "pool", start: start, end: end, cores: cores, memory: 1 << 30, expires: expires)
    }

    @Test func changesApplyInOrderAndGapsAreRefused() {
        let ledger = ReservationLedger(services: [pool])
        #expect(ledger.apply(.snapshot(version: 0, reservations: []), now: 0))
        #expect(ledger.apply(.changes([change(1, .hold, key: 1), change(2, .hold, key: 2)]), now: 0))
        #expect(ledger.version == 2)
        #expect(!ledger.fits(service: "pool", start: 120, end: 130, amount: .init(cores: 3, memory: 0), now: 0))
        #expect(ledger.fits(service: "pool", start: 120, end: 130, amount: .init(cores: 2, memory: 0), now: 0))
        // Version 4 without 3: nothing is applied.
        #expect(!ledger.apply(.changes([change(4, .release, key: 1)]), now: 0))
        #expect(ledger.version == 2)
        // Already applied versions are skipped.
        #expect(ledger.apply(.changes([change(2, .hold, key: 2), change(3, .release, key: 1)]), now: 0))
        #expect(ledger.version == 3)
        #expect(ledger.fits(service: "pool", start: 120, end: 130, amount: .init(cores: 6, memory: 0), now: 0))
    }

    @Test func holdsLapseAtExpiryAndBookingsAtTheirEnd() {
        let ledger = ReservationLedger(services: [pool])
        ledger.apply(.snapshot(version: 0, reservations: []), now: 0)
        ledger.apply(.changes([change(1, .hold, key: 1, cores: 10), change(2, .hold, key: 2, cores: 10, start: 300, end: 400, expires: 1000)]), now: 0)
        ledger.apply(.changes([change(3, .book, key: 2, cores: 10, start: 300, end: 400, expires: 400)]), now: 0)
        #expect(!ledger.fits(service: "pool", start: 120, end: 130, amount: .init(cores: 1, memory: 0), now: 149))
        #expect(ledger.fits(service: "pool", start: 120, end: 130, amount: .init(cores: 1, memory: 0), now: 150))
        #expect(ledger.usage(now: 150)["pool"]?.bookedCores == 10)
        #expect(ledger.usage(now: 150)["pool"]?.heldOffers == 0)
        #expect(ledger.usage(now: 400)["pool"]?.bookings == 0)
    }

    @Test func aSnapshotReplacesEverythingButNeverGoesBack() {
        let ledger = ReservationLedger(services: [pool])
        ledger.apply(.snapshot(version: 5, reservations: []), now: 0)
        ledger.apply(.changes([change(6, .hold, key: 1, cores: 10)]), now: 0)
        #expect(ledger.apply(.snapshot(version: 5, reservations: []), now: 0))
        #expect(ledger.version == 6)
        #expect(!ledger.fits(service: "pool", start: 120, end: 130, amount: .init(cores: 1, memory: 0), now: 0))
    }

    @Test func servicesWithoutAPoolAlwaysFit() {
        let ledger = ReservationLedger(services: [])
        #expect(ledger.fits(service: "elsewhere", start: 0, end: 10, amount: .init(cores: .max, memory: .max), now: 0))
    }
}
