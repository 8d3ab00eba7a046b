/// A service's shared pool (API.md §7 `capacity`): what all its holds and bookings together may
/// use at any instant. `nil` for a resource means that resource has no pool limit.
public struct ServiceCapacity: Sendable, Hashable {
    /// Cores in the pool.
    public var cores: Int64?
    /// Memory in the pool.
    public var memory: MemoryQuantity?

    /// A pool.
    public init(cores: Int64? = nil, memory: MemoryQuantity? = nil) {
        self.cores = cores
        self.memory = memory
    }

    /// The pool as an amount, unlimited resources as `Int64.max`.
    public var amount: CapacityTimeline.Amount {
        CapacityTimeline.Amount(cores: cores ?? .max, memory: memory?.bytes ?? .max)
    }
}

/// Capacity set aside on a service outside plannerd (maintenance, bookings made elsewhere).
public struct ReservedPeriod: Sendable, Hashable {
    /// When it starts (seconds since 1970).
    public var start: Int64
    /// When it ends, exclusive (seconds since 1970).
    public var end: Int64
    /// Cores and memory set aside.
    public var amount: CapacityTimeline.Amount

    /// A period.
    public init(start: Int64, end: Int64, amount: CapacityTimeline.Amount) {
        self.start = start
        self.end = end
        self.amount = amount
    }
}
