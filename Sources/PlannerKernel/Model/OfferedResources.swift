/// The resources an offer gives: every bound is present (API.md §3).
public struct OfferedResources: Sendable, Hashable, Codable {
    /// At least this many cores.
    public var mincores: Int64
    /// At most this many cores.
    public var maxcores: Int64
    /// At least this much memory.
    public var minmemory: MemoryQuantity
    /// At most this much memory.
    public var maxmemory: MemoryQuantity
    /// At least this long.
    public var minduration: TaskDuration
    /// At most this long.
    public var maxduration: TaskDuration

    /// Offered resources.
    public init(
        mincores: Int64, maxcores: Int64, minmemory: MemoryQuantity, maxmemory: MemoryQuantity,
        minduration: TaskDuration, maxduration: TaskDuration
    ) {
        self.mincores = mincores
        self.maxcores = maxcores
        self.minmemory = minmemory
        self.maxmemory = maxmemory
        self.minduration = minduration
        self.maxduration = maxduration
    }
}
