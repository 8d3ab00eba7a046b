public import PlannerKernel

/// Where a held offer stands (API.md §5).
public enum OfferState: String, Sendable, Hashable, CaseIterable {
    /// Held: it counts against capacity until it is accepted, rejected or lapses.
    case offered = "OFFERED"
    /// Accepted: it became a booking.
    case accepted = "ACCEPTED"
    /// Released by the client, or because a sibling offer was accepted.
    case rejected = "REJECTED"
    /// Lapsed at `expires` without an answer from the client.
    case expired = "EXPIRED"
}

/// Where a booking stands (API.md §5).
public enum BookingState: String, Sendable, Hashable, CaseIterable {
    /// Booked: it counts against capacity until its end.
    case accepted = "ACCEPTED"
    /// Cancelled by the client; its capacity is free again.
    case cancelled = "CANCELLED"
}

/// One held offer as stored, with the booking it became once accepted.
///
/// Times are whole seconds since 1970 (UTC). The capacity it takes is `cores` and `memory` over
/// `[start, end)`, where `end` is the start plus the offered maximum duration.
public struct StoredOffer: Sendable, Hashable {
    /// The offer's id: 128 random bits, the credential of an anonymous client.
    public var id: String
    /// The id shared by the offers of one answer (the siblings released when one is accepted).
    public var offerSet: String
    /// The identity that asked, `nil` for an anonymous ask.
    public var owner: String?
    /// The number naming this reservation in capacity timelines and the change log.
    public var key: Int64
    /// The task type as the client wrote it.
    public var tasktype: String
    /// The service's configured name.
    public var service: String
    /// The service type URI.
    public var servicetype: String
    /// The handler's service info, as in the answer.
    public var serviceinfo: JSONValue
    /// The offered resources, as in the answer.
    public var resources: JSONValue
    /// When the task may start.
    public var start: Int64
    /// The end of the reserved interval: `start` plus the offered maximum duration.
    public var end: Int64
    /// Cores reserved (the offered maximum).
    public var cores: Int64
    /// Bytes of memory reserved (the offered maximum).
    public var memory: Int64
    /// When the offer was made.
    public var created: Int64
    /// When the hold lapses.
    public var expires: Int64
    /// The state as stored; a stored `OFFERED` past `expires` reads as `EXPIRED` (see ``state(at:)``).
    public var state: OfferState
    /// The booking's id, once accepted.
    public var booking: String?
    /// The booking's state, once accepted.
    public var bookingState: BookingState?
    /// When the offer or the booking last changed state.
    public var changed: Int64

    /// A stored offer.
    public init(
        id: String, offerSet: String, owner: String?, key: Int64, tasktype: String, service: String, servicetype: String,
        serviceinfo: JSONValue, resources: JSONValue, start: Int64, end: Int64, cores: Int64, memory: Int64,
        created: Int64, expires: Int64, state: OfferState = .offered, booking: String? = nil,
        bookingState: BookingState? = nil, changed: Int64? = nil
    ) {
        self.id = id
        self.offerSet = offerSet
        self.owner = owner
        self.key = key
        self.tasktype = tasktype
        self.service = service
        self.servicetype = servicetype
        self.serviceinfo = serviceinfo
        self.resources = resources
        self.start = start
        self.end = end
        self.cores = cores
        self.memory = memory
        self.created = created
        self.expires = expires
        self.state = state
        self.booking = booking
        self.bookingState = bookingState
        self.changed = changed ?? created
    }

    /// The state a client sees at `now`: a hold past its expiry is `EXPIRED` whether or not
    /// housekeeping has written that down yet.
    public func state(at now: Int64) -> OfferState {
        state == .offered && expires <= now ? .expired : state
    }

    /// Whether it takes capacity at `now`: a live hold, or a booking not cancelled, before its end.
    public func takesCapacity(at now: Int64) -> Bool {
        guard end > now else { return false }
        return state(at: now) == .offered || bookingState == .accepted
    }

    /// The cores and memory it reserves.
    public var amount: CapacityTimeline.Amount { CapacityTimeline.Amount(cores: cores, memory: memory) }
}
