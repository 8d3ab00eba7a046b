/// A service's per-task maxima (API.md §7 `limits`); `nil` means no limit of that kind.
public struct ServiceLimits: Sendable, Hashable {
    /// The most cores one task may have.
    public var maxcores: Int64?
    /// The most memory one task may have.
    public var maxmemory: MemoryQuantity?
    /// The longest one task may run.
    public var maxduration: TaskDuration?

    /// Limits; absent ones are unlimited.
    public init(maxcores: Int64? = nil, maxmemory: MemoryQuantity? = nil, maxduration: TaskDuration? = nil) {
        self.maxcores = maxcores
        self.maxmemory = maxmemory
        self.maxduration = maxduration
    }
}

/// What a task gets when its ask names neither a min nor a max (API.md §7 `defaults`).
public struct ServiceDefaults: Sendable, Hashable {
    /// Cores (built in: 1).
    public var cores: Int64
    /// Memory (built in: 1Gi).
    public var memory: MemoryQuantity
    /// Run time (built in: 1h).
    public var duration: TaskDuration

    /// Defaults; the built-in values are 1 core, 1Gi and 1h.
    public init(
        cores: Int64 = 1, memory: MemoryQuantity = MemoryQuantity(bytes: 1 << 30, family: .binary),
        duration: TaskDuration = TaskDuration(hours: 1)
    ) {
        self.cores = cores
        self.memory = memory
        self.duration = duration
    }
}

/// A configured service as the planner sees it: what it accepts, where it is, how big a task may be.
public struct PlanningService: Sendable {
    /// The operator's name for it (`docker-uws`).
    public var name: String
    /// The service type URI (`uri://docker-uws`).
    public var servicetype: String
    /// Where clients send tasks.
    public var endpoint: String
    /// The task types it accepts, each bound to this service's handler settings, by canonical URI.
    public var taskTypes: [String: BoundTaskType]
    /// Per-task limits.
    public var limits: ServiceLimits
    /// Defaults for unbounded asks.
    public var defaults: ServiceDefaults
    /// The shared pool, or `nil` for a service without one (only per-task limits apply).
    public var capacity: ServiceCapacity?
    /// Capacity set aside outside plannerd, as a timeline; holds and bookings are added to a copy.
    public var reserved: CapacityTimeline
    /// Who may use the service.
    public var access: ServiceAccess

    /// A service.
    public init(
        name: String, servicetype: String, endpoint: String, taskTypes: [BoundTaskType],
        limits: ServiceLimits = ServiceLimits(), defaults: ServiceDefaults = ServiceDefaults(),
        capacity: ServiceCapacity? = nil, reserved: [ReservedPeriod] = [], access: ServiceAccess = .everyone
    ) {
        self.name = name
        self.servicetype = servicetype
        self.endpoint = endpoint
        self.taskTypes = Dictionary(taskTypes.map { ($0.canonicalURI, $0) }, uniquingKeysWith: { first, _ in first })
        self.limits = limits
        self.defaults = defaults
        self.capacity = capacity
        self.access = access
        var timeline = CapacityTimeline()
        for (index, period) in reserved.enumerated() {
            timeline.reserve(id: UInt64(index), start: period.start, end: period.end, amount: period.amount)
        }
        self.reserved = timeline
    }
}
