public import Foundation

extension ReservationBook {
    /// The offer `id` as `owner` may see it.
    /// - Throws: ``ReservationError/Code/notFound`` when there is none, or it belongs to someone else.
    public func offer(id: String, owner: String?) async throws -> StoredOffer {
        try await migrated()
        guard ReservationIdentifier.isWellFormed(id), let offer = try await engine.offer(id: id), Self.may(owner, see: offer) else {
            throw ReservationError(.notFound, "there is no offer \(Self.quoted(id)) for this caller")
        }
        return offer
    }

    /// The booking `id` as `owner` may see it.
    public func booking(id: String, owner: String?) async throws -> StoredOffer {
        try await migrated()
        guard ReservationIdentifier.isWellFormed(id), let offer = try await engine.offer(booking: id), Self.may(owner, see: offer) else {
            throw ReservationError(.notFound, "there is no booking \(Self.quoted(id)) for this caller")
        }
        return offer
    }

    /// Accepts the held offer `id`: it becomes a booking and its siblings are rejected.
    /// - Throws: `notFound`; `notOffered` when it is no longer `OFFERED`; `capacityVanished` when
    ///   the service's pool no longer holds it (the configuration shrank it since the hold).
    public func accept(offer id: String, owner: String?, now: Date) async throws -> StoredOffer {
        try Self.requireWellFormed(id, "offer")
        return try await decide(AtomicRead(changesAfter: ledger.version, now: Self.seconds(now), offerSetOf: id), now: now) { read, seconds, ledger in
            guard let target = read.offerSet.first(where: { $0.id == id }), Self.may(owner, see: target) else {
                throw ReservationError(.notFound, "there is no offer \(Self.quoted(id)) for this caller")
            }
            try Self.requireOffered(target, now: seconds)
            let counted = ledger.contains(key: target.key, now: seconds)
            guard ledger.fits(service: target.service, start: target.start, end: target.end, amount: target.amount, now: seconds, alreadyCounted: counted) else {
                throw ReservationError(.capacityVanished, "service \(target.service) no longer has room for this offer; ask again", state: OfferState.offered.rawValue)
            }
            var booked = target
            booked.state = .accepted
            booked.booking = ReservationIdentifier.make()
            booked.bookingState = .accepted
            booked.changed = seconds
            var write = AtomicWrite(updates: [booked], nextKey: read.nextKey, result: booked)
            write.changes.append(CapacityChange(version: read.version + 1, kind: .book, offer: booked))
            for var sibling in read.offerSet where sibling.id != id && sibling.state(at: seconds) == .offered {
                sibling.state = .rejected
                sibling.changed = seconds
                write.updates.append(sibling)
                write.changes.append(CapacityChange(version: read.version + Int64(write.changes.count) + 1, kind: .release, offer: sibling))
            }
            return write
        }
    }

    /// Rejects the held offer `id`, releasing what it held.
    public func reject(offer id: String, owner: String?, now: Date) async throws -> StoredOffer {
        try Self.requireWellFormed(id, "offer")
        return try await decide(AtomicRead(changesAfter: ledger.version, now: Self.seconds(now), offerSetOf: id), now: now) { read, seconds, _ in
            guard var target = read.offerSet.first(where: { $0.id == id }), Self.may(owner, see: target) else {
                throw ReservationError(.notFound, "there is no offer \(Self.quoted(id)) for this caller")
            }
            try Self.requireOffered(target, now: seconds)
            target.state = .rejected
            target.changed = seconds
            return AtomicWrite(
                updates: [target], changes: [CapacityChange(version: read.version + 1, kind: .release, offer: target)],
                nextKey: read.nextKey, result: target)
        }
    }

    /// Cancels the booking `id`, releasing its capacity; a second cancel is refused.
    public func cancel(booking id: String, owner: String?, now: Date) async throws -> StoredOffer {
        try Self.requireWellFormed(id, "booking")
        return try await decide(AtomicRead(changesAfter: ledger.version, now: Self.seconds(now), booking: id), now: now) { read, seconds, _ in
            guard var target = read.booking, Self.may(owner, see: target) else {
                throw ReservationError(.notFound, "there is no booking \(Self.quoted(id)) for this caller")
            }
            guard target.bookingState == .accepted else {
                throw ReservationError(.notBooked, "booking \(id) is already cancelled", state: BookingState.cancelled.rawValue)
            }
            target.bookingState = .cancelled
            target.changed = seconds
            return AtomicWrite(
                updates: [target], changes: [CapacityChange(version: read.version + 1, kind: .release, offer: target)],
                nextKey: read.nextKey, result: target)
        }
    }

    /// Housekeeping: writes down lapsed holds, trims the change log to `keepLog`, and synchronises.
    public func tidy(now: Date, keepLog: TimeInterval = 600) async throws -> TidyReport {
        try await migrated()
        let seconds = Self.seconds(now)
        let report = try await engine.tidy(now: seconds, logBefore: seconds - Int64(keepLog))
        try await synchronize(now: now)
        return report
    }

    /// Runs one decision under the write lock after bringing the ledger up to date, then applies
    /// what it logged.
    private func decide<Value: Sendable>(
        _ request: AtomicRead, now: Date,
        _ body: @escaping @Sendable (AtomicReadResult, Int64, ReservationLedger) throws -> AtomicWrite<Value>
    ) async throws -> Value {
        try await migrated()
        let seconds = Self.seconds(now)
        let ledger = self.ledger
        let committed = try await engine.atomically(request) { read in
            ledger.apply(read.feed, now: seconds)
            return try body(read, seconds, ledger).committing()
        }
        ledger.apply(.changes(committed.changes), now: seconds)
        return committed.value
    }

    /// Anonymous offers are open to whoever holds the id; the others only to the identity that asked.
    static func may(_ caller: String?, see offer: StoredOffer) -> Bool {
        offer.owner == nil || offer.owner == caller
    }

    static func requireOffered(_ offer: StoredOffer, now: Int64) throws {
        let state = offer.state(at: now)
        guard state == .offered else {
            throw ReservationError(.notOffered, "offer \(offer.id) is \(state.rawValue), no longer OFFERED", state: state.rawValue)
        }
    }

    /// Refuses an id that cannot be one of ours before any database look-up.
    static func requireWellFormed(_ id: String, _ what: String) throws(ReservationError) {
        guard ReservationIdentifier.isWellFormed(id) else {
            throw ReservationError(.notFound, "there is no \(what) \(quoted(id)) for this caller")
        }
    }

    static func quoted(_ id: String) -> String { "\"\(id.prefix(64))\"" }
}
