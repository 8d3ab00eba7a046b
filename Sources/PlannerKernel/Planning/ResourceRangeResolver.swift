/// Turns an asked resource range into an offered one within a service's limits (API.md §2.4).
///
/// For each of cores, memory and duration:
/// * min and max asked: offer `[min, min(max, limit)]`;
/// * only min: offer `[min, limit]` (as much as the service gives; `[min, min]` without a limit);
/// * only max: offer `[min(default, max, limit), min(max, limit)]`;
/// * neither: offer the default, capped by the limit.
///
/// An asked min above the limit is an `exceeds-limit` reason of class `never`, with the limit and
/// the nearest acceptable ask (the limit as the min).
public enum ResourceRangeResolver {
    /// The offered resources, or every reason the ask does not fit `service`'s limits.
    public static func resolve(_ ask: ResourceAsk, on service: PlanningService) -> Result<OfferedResources, ReasonList> {
        var reasons: [Reason] = []
        let cores = resolve(
            Dimension(noun: "cores", minKey: "mincores", render: { .integer($0) }, phrase: { "\($0) cores" }),
            min: ask.mincores, max: ask.maxcores, limit: service.limits.maxcores,
            fallback: service.defaults.cores, service: service.name, reasons: &reasons)
        let memory = resolve(
            Dimension(noun: "memory", minKey: "minmemory", render: { .string($0.canonical) }, phrase: { "\($0.canonical) of memory" }),
            min: ask.minmemory, max: ask.maxmemory, limit: service.limits.maxmemory,
            fallback: service.defaults.memory, service: service.name, reasons: &reasons)
        let duration = resolve(
            Dimension(noun: "run time", minKey: "minduration", render: { .string($0.canonical) }, phrase: { "\($0.canonical) of run time" }),
            min: ask.minduration, max: ask.maxduration, limit: service.limits.maxduration,
            fallback: service.defaults.duration, service: service.name, reasons: &reasons)
        guard reasons.isEmpty, let cores, let memory, let duration else { return .failure(ReasonList(reasons)) }
        return .success(OfferedResources(
            mincores: cores.min, maxcores: cores.max, minmemory: memory.min, maxmemory: memory.max,
            minduration: duration.min, maxduration: duration.max))
    }

    struct Dimension<Value: Comparable> {
        var noun: String
        var minKey: String
        var render: (Value) -> JSONValue
        var phrase: (Value) -> String
    }

    static func resolve<Value: Comparable>(
        _ dimension: Dimension<Value>, min askedMin: Value?, max askedMax: Value?, limit: Value?, fallback: Value,
        service: String, reasons: inout [Reason]
    ) -> (min: Value, max: Value)? {
        if let askedMin, let limit, askedMin > limit {
            reasons.append(Reason(
                path: JSONPointer(tokens: ["resources", dimension.minKey]), code: .exceedsLimit, reasonClass: .never,
                message: "asked for at least \(dimension.phrase(askedMin)); service \(service) offers at most \(dimension.phrase(limit)) per task",
                limit: dimension.render(limit),
                nearest: JSONObject([.init(key: dimension.minKey, value: dimension.render(limit))]),
                service: service))
            return nil
        }
        let ceiling = [askedMax, limit].compactMap { $0 }.min()
        switch (askedMin, askedMax) {
        case (let min?, _):
            return (min, ceiling ?? min)
        case (nil, _?):
            let max = ceiling ?? fallback
            return (Swift.min(fallback, max), max)
        case (nil, nil):
            let value = ceiling.map { Swift.min(fallback, $0) } ?? fallback
            return (value, value)
        }
    }
}

/// A list of reasons, as the failure of a `Result`.
public struct ReasonList: Error, Sendable, Hashable {
    /// The reasons.
    public var reasons: [Reason]

    /// A list.
    public init(_ reasons: [Reason]) { self.reasons = reasons }
}
