/// Places one service's offer in time: the earliest start inside the asked windows at which the
/// offered minimum fits the service's free capacity for the offered maximum duration, and the
/// offered maxima cut down to what is free then. A held offer reserves its offered maxima over
/// `[start, start + maxduration)` (API.md §5), so that is the interval checked.
struct OfferScheduler {
    /// Start windows as seconds `[start, end)`, already clipped to `[now, now + lookahead)`, in order.
    var windows: [(start: Int64, end: Int64)]
    /// `[now, now + lookahead)` in seconds, where the nearest feasible start is looked for.
    var horizon: (start: Int64, end: Int64)
    /// Whether the client gave windows (reasons then point at `/schedule/start`).
    var askedWindows: Bool

    /// The start and the resources of the offer, or the reasons there is none.
    func schedule(_ offered: OfferedResources, on service: PlanningService, timeline: CapacityTimeline)
        -> Result<(start: Int64, resources: OfferedResources), ReasonList>
    {
        guard let first = windows.first else { return .failure(ReasonList([])) }
        guard let capacity = service.capacity else { return .success((first.start, offered)) }
        let pool = capacity.amount
        let need = CapacityTimeline.Amount(cores: offered.mincores, memory: offered.minmemory.bytes)
        guard need.fits(in: pool) else { return .failure(ReasonList(poolTooSmall(need: need, capacity: capacity, service: service.name))) }
        let duration = max(offered.maxduration.seconds, 1)
        let finder = StartTimeFinder(timeline: timeline, capacity: pool)
        for window in windows {
            guard let found = finder.earliest(from: window.start, until: window.end, duration: duration, need: need) else { continue }
            var resources = offered
            resources.maxcores = min(offered.maxcores, found.free.cores)
            if found.free.memory < offered.maxmemory.bytes {
                resources.maxmemory = MemoryQuantity(bytes: found.free.memory, family: offered.maxmemory.family)
            }
            return .success((found.start, resources))
        }
        return .failure(ReasonList([busy(need: need, offered: offered, service: service, finder: finder, duration: duration)]))
    }

    /// `never`: even an empty pool is smaller than the minimum.
    func poolTooSmall(need: CapacityTimeline.Amount, capacity: ServiceCapacity, service: String) -> [Reason] {
        var reasons: [Reason] = []
        if let cores = capacity.cores, need.cores > cores {
            reasons.append(Reason(
                path: JSONPointer(tokens: ["resources", "mincores"]), code: .exceedsCapacity, reasonClass: .never,
                message: "asked for at least \(need.cores) cores; service \(service) has \(cores) cores in all",
                limit: .integer(cores), nearest: JSONObject([.init(key: "mincores", value: .integer(cores))]), service: service))
        }
        if let memory = capacity.memory, need.memory > memory.bytes {
            let asked = MemoryQuantity(bytes: need.memory, family: memory.family)
            reasons.append(Reason(
                path: JSONPointer(tokens: ["resources", "minmemory"]), code: .exceedsCapacity, reasonClass: .never,
                message: "asked for at least \(asked.canonical) of memory; service \(service) has \(memory.canonical) in all",
                limit: .string(memory.canonical), nearest: JSONObject([.init(key: "minmemory", value: .string(memory.canonical))]), service: service))
        }
        return reasons
    }

    /// `not-now`: the pool is busy for the whole of the windows. `limit` is what is free of the
    /// resource that is short at the first window's start; `nearest` is the earliest start with
    /// room (looking past the windows and the look-ahead), or else the most that is free then.
    func busy(need: CapacityTimeline.Amount, offered: OfferedResources, service: PlanningService, finder: StartTimeFinder, duration: Int64) -> Reason {
        let path = askedWindows ? JSONPointer(tokens: ["schedule", "start"]) : .root
        let memoryFamily = service.capacity?.memory?.family ?? offered.minmemory.family
        let wanted = "\(need.cores) cores and \(MemoryQuantity(bytes: need.memory, family: offered.minmemory.family).canonical) of memory for \(offered.maxduration.canonical)"
        let when = askedWindows ? "in the asked start windows" : "within the next \(TaskDuration(seconds: min(horizon.end - horizon.start, TaskDuration.maximumSeconds)).canonical)"
        let firstStart = windows.first?.start ?? horizon.start
        let free = finder.capacity - finder.timeline.peakUsage(from: firstStart, to: firstStart + duration)
        let limit: JSONValue = need.cores > free.cores
            ? .integer(max(free.cores, 0))
            : .string(MemoryQuantity(bytes: max(free.memory, 0), family: memoryFamily).canonical)
        var nearest = JSONObject()
        if let later = finder.earliest(from: horizon.start, until: Int64.max / 4, duration: duration, need: need) {
            nearest["start"] = .string(RFC3339.format(seconds: later.start))
        } else if free.cores >= 1 && free.memory >= 1 {
            nearest["mincores"] = .integer(min(free.cores, need.cores))
            nearest["minmemory"] = .string(MemoryQuantity(bytes: min(free.memory, need.memory), family: memoryFamily).canonical)
        }
        return Reason(
            path: path, code: .exceedsCapacity, reasonClass: .notNow,
            message: "service \(service.name) has no room for \(wanted) \(when)",
            limit: limit, nearest: nearest.isEmpty ? nil : nearest, service: service.name)
    }
}
