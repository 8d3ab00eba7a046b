public import Foundation
public import PlannerKernel
import PlannerKernelTesting
import DockerContainerHandler
import KubernetesHelmHandler
import NotebookHandler

/// The planners, asks and capacity timelines that the planning benchmarks and the profiling
/// driver measure. Everything is deterministic: a fixed `now`, seeded pseudo-random timelines.
public enum PlanningFixtures {
    /// A fixed instant (2026-11-20T00:00:00Z, whole seconds) so that every run plans the same thing.
    public static let now = Date(timeIntervalSince1970: 1_795_132_800)
    /// `now` in seconds.
    public static var nowSeconds: Int64 { Int64(now.timeIntervalSince1970) }

    /// The seed talk's docker-container ask.
    public static let dockerAsk = #"""
        {"tasktype":"uri://docker-container","taskinfo":{"image":"docker.io/example:1.0"},"resources":{"mincores":8,"maxcores":10,"minmemory":"8G","maxmemory":"10G","minduration":"10m","maxduration":"20m"}}
        """#

    /// The seed talk's kubernetes-helm ask (with the chart URL's typo of three slashes fixed).
    public static let helmAsk = #"""
        {"tasktype":"uri://kubernetes-helm","taskinfo":{"chart":"http://example.org/heml.chart"},"resources":{"mincores":220,"maxcores":null,"minmemory":"360G","maxmemory":"400G","minduration":"9h","maxduration":"9h30m"}}
        """#

    /// A jupyter-notebook ask naming a notebook by URL (examples/asks/jupyter-notebook.json).
    public static let notebookAsk = #"""
        {"tasktype":"uri://jupyter-notebook","taskinfo":{"notebook":"https://example.org/notebooks/analysis.ipynb","kernel":"python3"},"resources":{"mincores":2,"maxcores":4,"minmemory":"4Gi","maxduration":"2h"}}
        """#

    /// Every handler this package measures.
    public static func registry() -> TaskTypeRegistry {
        // The three handlers never claim the same URI.
        try! TaskTypeRegistry([DockerContainerTaskType(), KubernetesHelmTaskType(), NotebookTaskType()])
    }

    /// Binds `tasktype`'s handler with no settings (its defaults), as a service without a
    /// `settings` block gets in the configuration.
    public static func bind(_ tasktype: String, registry: TaskTypeRegistry) -> BoundTaskType {
        var report = ValidationReport()
        guard let handler = registry.handler(for: tasktype),
            let bound = handler.bind(settings: nil, at: JSONPointer(tokens: ["services", "0", "settings"]), report: &report)
        else { fatalError("cannot bind \(tasktype): \(report.problems)") }
        return bound
    }

    /// The built-in demo services (Sources/PlannerDaemon/Configuration/DemoConfiguration.swift),
    /// bound the way `PlannerConfiguration.makePlanner` binds them.
    public static func demoServices(registry: TaskTypeRegistry) -> [PlanningService] {
        [
            PlanningService(
                name: "docker-uws", servicetype: "uri://docker-uws", endpoint: "http://example.org/uws",
                taskTypes: [bind("uri://docker-container", registry: registry)],
                limits: ServiceLimits(maxcores: 10, maxmemory: MemoryQuantity(bytes: 10_000_000_000, family: .decimal), maxduration: TaskDuration(minutes: 20))),
            PlanningService(
                name: "kws", servicetype: "uri://kubernetes-helm", endpoint: "http://example.org/kws",
                taskTypes: [bind("uri://kubernetes-helm", registry: registry)],
                limits: ServiceLimits(maxcores: 240, maxmemory: MemoryQuantity(bytes: 400_000_000_000, family: .decimal), maxduration: TaskDuration(hours: 9, minutes: 30))),
            PlanningService(
                name: "jupyter", servicetype: "uri://jupyterhub", endpoint: "http://example.org/jupyter",
                taskTypes: [bind("uri://jupyter-notebook", registry: registry)],
                limits: ServiceLimits(maxcores: 4, maxmemory: MemoryQuantity(bytes: 16_000_000_000, family: .decimal), maxduration: TaskDuration(hours: 8))),
        ]
    }

    /// The planner of the built-in demo configuration.
    public static func demoPlanner() -> OfferPlanner {
        let registry = registry()
        return OfferPlanner(registry: registry, services: demoServices(registry: registry))
    }

    /// Parses JSON text that must be valid.
    public static func parse(_ text: String) -> JSONValue {
        do { return try StrictJSONParser().parse(text) } catch { fatalError("invalid fixture: \(error)") }
    }

    /// Plans `document` and stops the program unless the answer is `YES` (a benchmark of a `NO`
    /// or of a refusal would measure the wrong path).
    public static func expectYes(_ planner: OfferPlanner, _ document: JSONValue, _ what: String) {
        switch planner.plan(document, now: now) {
        case .answer(let answer) where !answer.offers.isEmpty: return
        case .answer(let answer): fatalError("\(what): expected YES, got NO: \(answer.reasons.map(\.message))")
        case .invalid(let problems): fatalError("\(what): invalid: \(problems.map(\.message))")
        }
    }
}

// MARK: - capacity

/// A docker service with a shared pool, its planner, and the validated docker ask, ready for
/// `plan(_:task:warnings:now:reservations:)` with a timeline of many live reservations.
public struct CapacityScenario: Sendable {
    /// How the timeline is laid out.
    public enum Shape: String, Sendable, CaseIterable {
        /// Reservations over `[now − 3h, now + 24h)`; the pool has room for the ask at `now`.
        case roomNow = "room-now"
        /// The same, plus one reservation of the whole pool over `[now − 1h, now + 30m)`: the
        /// planner walks every release in the first half hour before it finds room.
        case busyHalfHour = "busy-half-hour"
    }

    /// The service's name.
    public static let serviceName = "docker-pool"

    /// The planner with the one pooled service.
    public let planner: OfferPlanner
    /// The validated ask.
    public let ask: Ask
    /// Its handler's reading of `taskinfo`.
    public let task: ParsedTask
    /// Its warnings (the docker image is not pinned by a digest).
    public let warnings: [PlanWarning]
    /// The service's holds and bookings, by service name.
    public let reservations: [String: CapacityTimeline]
    /// The number of live reservations in the timeline.
    public let count: Int
    /// The pool.
    public let capacity: ServiceCapacity

    /// The timeline of `count` reservations (plus the blocking one for ``Shape/busyHalfHour``)
    /// and a pool sized from it.
    public init(reservations count: Int, shape: Shape) {
        self.init(reservations: count, busyFor: shape == .busyHalfHour ? 1800 : nil)
    }

    /// The timeline of `count` reservations and, when `busyFor` is given, one more that takes the
    /// whole pool over `[now − 1h, now + busyFor)`.
    public init(reservations count: Int, busyFor: Int64?) {
        let registry = PlanningFixtures.registry()
        let now = PlanningFixtures.nowSeconds
        var timeline = CapacityTimeline()
        var random = SeededGenerator(seed: 0x5EED_0000 &+ UInt64(count))
        // Starts over [now − 3h, now + 24h), 10 minutes to 3 hours long, 1–4 cores and 2Gi per core:
        // some are running at `now`, the rest spread over the look-ahead.
        for id in 0..<count {
            let start = now - 3 * 3600 + Int64(random.next(below: 27 * 3600))
            let length = 600 + Int64(random.next(below: 170 * 60))
            let cores = 1 + Int64(random.next(below: 4))
            timeline.reserve(id: UInt64(id), start: start, end: start + length, amount: .init(cores: cores, memory: cores << 31))
        }
        // The pool: the most ever reserved at once, plus the ask's minimum (8 cores, 8G) with a margin.
        let peak = timeline.peakUsage(from: now - 4 * 3600, to: now + 28 * 3600)
        let pool = ServiceCapacity(cores: peak.cores + 16, memory: MemoryQuantity(bytes: peak.memory + 16 << 30, family: .binary))
        if let busyFor {
            timeline.reserve(id: UInt64(count), start: now - 3600, end: now + busyFor, amount: pool.amount)
        }
        let service = PlanningService(
            name: Self.serviceName, servicetype: "uri://docker-uws", endpoint: "http://example.org/uws",
            taskTypes: [PlanningFixtures.bind("uri://docker-container", registry: registry)],
            limits: ServiceLimits(maxcores: 10, maxmemory: MemoryQuantity(bytes: 10_000_000_000, family: .decimal), maxduration: TaskDuration(minutes: 20)),
            capacity: pool)
        planner = OfferPlanner(registry: registry, services: [service])

        let document = PlanningFixtures.parse(PlanningFixtures.dockerAsk)
        var report = ValidationReport()
        guard let ask = Ask.read(document, report: &report),
            let task = registry.handler(for: ask.tasktype)?.readTaskInfo(ask.taskinfo, at: JSONPointer(tokens: ["taskinfo"]), report: &report),
            report.problems.isEmpty
        else { fatalError("the docker ask is invalid: \(report.problems)") }
        self.ask = ask
        self.task = task
        warnings = report.warnings
        reservations = [Self.serviceName: timeline]
        self.count = timeline.count
        capacity = pool
    }

    /// Plans the ask against the timeline: the call measured.
    public func plan() -> Answer {
        planner.plan(ask, task: task, warnings: warnings, now: PlanningFixtures.now, reservations: reservations)
    }

    /// Stops the program unless the answer is `YES` starting at `now` (room now) or later (busy).
    public func check(_ shape: Shape) {
        let answer = plan()
        guard let offer = answer.offers.first else { fatalError("\(count) reservations, \(shape): expected YES, got \(answer.reasons.map(\.message))") }
        let late = offer.start > PlanningFixtures.now
        guard late == (shape == .busyHalfHour) else {
            fatalError("\(count) reservations, \(shape): the offer starts at \(offer.start), now is \(PlanningFixtures.now)")
        }
    }
}

extension SeededGenerator {
    /// A number in `0..<bound` (the modulo bias is irrelevant here; the fixtures depend on this exact sequence).
    mutating func next(below bound: UInt64) -> UInt64 { next() % bound }
}
