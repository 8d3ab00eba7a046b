import Foundation
import PlannerKernel
import Testing

/// Planning against shared capacity and start windows (the offers issue's table of cases).
@Suite("Planning against capacity and start windows")
struct CapacityPlanningTests {
    let now: Int64 = 1_800_000_000
    var nowDate: Date { Date(timeIntervalSince1970: TimeInterval(now)) }
    let gib: Int64 = 1 << 30

    /// One image service with a pool of 16 cores and 64Gi, per-task limits of 16 cores and 64Gi,
    /// and (optionally) a second, smaller service without a pool.
    func planner(withOpenService: Bool = false, reserved: [ReservedPeriod] = []) -> OfferPlanner {
        var services = [PlanningService(
            name: "pool", servicetype: "uri://pool", endpoint: "http://example.org/pool",
            taskTypes: [Fixtures.bind("uri://image")],
            limits: ServiceLimits(maxcores: 16, maxmemory: MemoryQuantity(bytes: 64 * gib), maxduration: TaskDuration(hours: 8)),
            capacity: ServiceCapacity(cores: 16, memory: MemoryQuantity(bytes: 64 * gib)), reserved: reserved)]
        if withOpenService {
            services.append(PlanningService(
                name: "open", servicetype: "uri://open", endpoint: "http://example.org/open",
                taskTypes: [Fixtures.bind("uri://image")],
                limits: ServiceLimits(maxcores: 4, maxmemory: MemoryQuantity(bytes: 8 * gib), maxduration: TaskDuration(hours: 1))))
        }
        return OfferPlanner(registry: Fixtures.registry, services: services)
    }

    func timeline(_ periods: [(from: Int64, to: Int64, cores: Int64, gib: Int64)]) -> CapacityTimeline {
        var timeline = CapacityTimeline()
        for (index, period) in periods.enumerated() {
            timeline.reserve(id: UInt64(index), start: now + period.from, end: now + period.to, amount: .init(cores: period.cores, memory: period.gib * gib))
        }
        return timeline
    }

    func answer(_ resources: String, schedule: String? = nil, planner: OfferPlanner? = nil, busy: CapacityTimeline? = nil) throws -> Answer {
        let json = #"{"tasktype": "uri://image", "taskinfo": {"image": "a:1"}, "resources": \#(resources)"# + (schedule.map { #", "schedule": \#($0)"# } ?? "") + "}"
        var report = ValidationReport()
        let document = try StrictJSONParser().parse(json)
        let ask = try #require(Ask.read(document, report: &report))
        let chosen = planner ?? self.planner()
        let handler = try #require(chosen.registry.handler(for: "uri://image"))
        let task = handler.readTaskInfo(ask.taskinfo, at: JSONPointer(tokens: ["taskinfo"]), report: &report)
        return chosen.plan(ask, task: task, warnings: [], now: nowDate, reservations: busy.map { ["pool": $0] } ?? [:])
    }

    @Test("an empty pool offers at once, up to the asked maximum")
    func emptyPool() throws {
        let answer = try answer(#"{"mincores": 4, "maxcores": 8, "minmemory": "8Gi", "maxduration": "1h"}"#)
        let offer = try #require(answer.offers.first)
        #expect(offer.start == nowDate)
        #expect((offer.resources.mincores, offer.resources.maxcores) == (4, 8))
    }

    @Test("a partly busy pool cuts the offered maximum to what is free")
    func partlyBusy() throws {
        let busy = timeline([(from: -60, to: 7200, cores: 10, gib: 60)])
        let answer = try answer(#"{"mincores": 4, "maxcores": 16, "minmemory": "2Gi", "maxmemory": "32Gi", "maxduration": "1h"}"#, busy: busy)
        let offer = try #require(answer.offers.first)
        #expect(offer.start == nowDate)
        #expect(offer.resources.maxcores == 6)
        #expect(offer.resources.maxmemory.bytes == 4 * gib)
    }

    @Test("busy now but free in an hour: YES with the later start")
    func freeLater() throws {
        let busy = timeline([(from: -600, to: 3600, cores: 14, gib: 10)])
        let answer = try answer(#"{"mincores": 8, "maxduration": "2h"}"#, busy: busy)
        #expect(answer.responseword == .yes)
        let offer = try #require(answer.offers.first)
        #expect(offer.start == nowDate.addingTimeInterval(3600))
        #expect(offer.resources.maxcores == 16)
    }

    @Test("busy for the whole look-ahead: NO, not-now, with the first start with room beyond it")
    func busyWholeWindow() throws {
        let busy = timeline([(from: -600, to: 48 * 3600, cores: 14, gib: 10)])
        let answer = try answer(#"{"mincores": 8, "maxduration": "2h"}"#, busy: busy)
        #expect(answer.responseword == .no)
        let reason = try #require(answer.reasons.first)
        #expect(reason.code == .exceedsCapacity && reason.reasonClass == .notNow && reason.service == "pool")
        #expect(reason.path == .root)
        #expect(reason.nearest?["start"] == .string(RFC3339.format(seconds: now + 48 * 3600)))
        #expect(reason.limit == 2)
    }

    @Test("busy in the asked window but free later: not-now with the nearest start")
    func busyInWindow() throws {
        let busy = timeline([(from: -600, to: 3 * 3600, cores: 14, gib: 10)])
        let window = RFC3339.format(seconds: now)
        let answer = try answer(#"{"mincores": 8, "maxduration": "1h"}"#, schedule: #"{"start": ["\#(window)/PT1H"]}"#, busy: busy)
        #expect(answer.responseword == .no)
        let reason = try #require(answer.reasons.first)
        #expect(reason.reasonClass == .notNow && reason.path.description == "/schedule/start")
        #expect(reason.nearest?["start"] == .string(RFC3339.format(seconds: now + 3 * 3600)))
    }

    @Test("an offer starts inside the asked window")
    func insideWindow() throws {
        let window = RFC3339.format(seconds: now + 7200)
        let answer = try answer(#"{"mincores": 2}"#, schedule: #"{"start": ["\#(window)/PT2H"]}"#)
        #expect(answer.offers.first?.start == nowDate.addingTimeInterval(7200))
    }

    @Test("windows in the past are never usable; windows beyond the look-ahead are not-now")
    func outsideWindow() throws {
        let past = try answer(#"{"mincores": 2}"#, schedule: #"{"start": ["\#(RFC3339.format(seconds: now - 7200))/PT1H"]}"#)
        #expect(past.reasons.map(\.code) == [.outsideWindow])
        #expect(past.reasons.first?.reasonClass == .never)
        let far = try answer(#"{"mincores": 2}"#, schedule: #"{"start": ["\#(RFC3339.format(seconds: now + 30 * 86400))/PT1H"]}"#)
        #expect(far.reasons.map(\.code) == [.outsideWindow])
        #expect(far.reasons.first?.reasonClass == .notNow)
    }

    @Test("a minimum larger than the whole pool is never possible")
    func poolTooSmall() throws {
        let planner = OfferPlanner(registry: Fixtures.registry, services: [PlanningService(
            name: "pool", servicetype: "uri://pool", endpoint: "http://example.org/pool",
            taskTypes: [Fixtures.bind("uri://image")], limits: ServiceLimits(maxcores: 64),
            capacity: ServiceCapacity(cores: 16))])
        let answer = try answer(#"{"mincores": 32}"#, planner: planner)
        let reason = try #require(answer.reasons.first)
        #expect(reason.code == .exceedsCapacity && reason.reasonClass == .never)
        #expect(reason.limit == 16 && reason.nearest?["mincores"] == 16)
    }

    @Test("the earlier offer ranks first: a free small service before a busy big one")
    func rankingByStart() throws {
        let busy = timeline([(from: -600, to: 3600, cores: 16, gib: 64)])
        let answer = try answer(#"{"mincores": 2}"#, planner: planner(withOpenService: true), busy: busy)
        #expect(answer.offers.map(\.service) == ["open", "pool"])
        #expect(answer.offers.last?.start == nowDate.addingTimeInterval(3600))
    }

    @Test("a memory-only pool that is full names memory as the limit")
    func memoryOnlyPool() throws {
        let planner = OfferPlanner(registry: Fixtures.registry, services: [PlanningService(
            name: "pool", servicetype: "uri://pool", endpoint: "http://example.org/pool",
            taskTypes: [Fixtures.bind("uri://image")], capacity: ServiceCapacity(memory: MemoryQuantity(bytes: 16 * gib)),
            reserved: [ReservedPeriod(start: now - 60, end: now + 48 * 3600, amount: .init(cores: 0, memory: 15 * gib))])])
        let answer = try answer(#"{"minmemory": "4Gi", "maxduration": "1h"}"#, planner: planner)
        let reason = try #require(answer.reasons.first)
        #expect(reason.reasonClass == .notNow && reason.limit == "1Gi")
        #expect(reason.nearest?["start"] == .string(RFC3339.format(seconds: now + 48 * 3600)))
    }

    @Test("reserved memory adding up past 2^63 bytes saturates instead of trapping")
    func saturation() throws {
        let huge = Int64.max / 2 + 1
        let planner = planner(reserved: [
            ReservedPeriod(start: now - 60, end: now + 600, amount: .init(cores: 0, memory: huge)),
            ReservedPeriod(start: now - 60, end: now + 600, amount: .init(cores: 0, memory: huge)),
        ])
        let answer = try answer(#"{"mincores": 1, "maxduration": "10m"}"#, planner: planner)
        #expect(answer.offers.first?.start == nowDate.addingTimeInterval(600))
    }

    @Test("a long busy stretch with thousands of releases still finds the first start with room")
    func longBusyStretch() throws {
        let planner = OfferPlanner(registry: Fixtures.registry, services: [PlanningService(
            name: "pool", servicetype: "uri://pool", endpoint: "http://example.org/pool",
            taskTypes: [Fixtures.bind("uri://image")], limits: ServiceLimits(maxcores: 10_000),
            capacity: ServiceCapacity(cores: 10_000))])
        var busy = CapacityTimeline()
        for index in 0..<10_000 {
            busy.reserve(id: UInt64(index), start: now - 10, end: now + 1 + Int64(index), amount: .init(cores: 1, memory: 0))
        }
        let answer = try answer(#"{"mincores": 5000, "maxduration": "1m"}"#, planner: planner, busy: busy)
        #expect(answer.responseword == .yes)
        #expect(answer.offers.first?.start == nowDate.addingTimeInterval(5000))
    }

    @Test("the chosen start is the earliest second with room, as a brute-force scan finds it")
    func earliestStartAgainstBruteForce() throws {
        var rng = SystemRandomNumberGenerator()
        let planner = OfferPlanner(registry: Fixtures.registry, services: [PlanningService(
            name: "pool", servicetype: "uri://pool", endpoint: "http://example.org/pool",
            taskTypes: [Fixtures.bind("uri://image")], limits: ServiceLimits(maxcores: 12),
            capacity: ServiceCapacity(cores: 12))])
        for _ in 0..<40 {
            var busy = CapacityTimeline()
            for index in 0..<40 {
                let start = now - 100 + Int64.random(in: 0..<600, using: &rng)
                busy.reserve(id: UInt64(index), start: start, end: start + Int64.random(in: 1...200, using: &rng),
                    amount: .init(cores: Int64.random(in: 1...6, using: &rng), memory: 0))
            }
            let need = Int64.random(in: 1...12, using: &rng)
            let duration = Int64.random(in: 1...100, using: &rng)
            let expected = (now..<(now + 1000)).first { t in busy.peakUsage(from: t, to: t + duration).cores + need <= 12 }
            let answer = try answer(#"{"mincores": \#(need), "maxduration": "\#(duration)s"}"#, planner: planner, busy: busy)
            #expect(answer.offers.first?.start == expected.map { Date(timeIntervalSince1970: TimeInterval($0)) })
        }
    }

    @Test("configured reserved periods count like holds")
    func reservedPeriods() throws {
        let planner = planner(reserved: [ReservedPeriod(start: now - 60, end: now + 1800, amount: .init(cores: 16, memory: 0))])
        let answer = try answer(#"{"mincores": 1, "maxduration": "10m"}"#, planner: planner)
        #expect(answer.offers.first?.start == nowDate.addingTimeInterval(1800))
    }

    @Test("a capacity NO and a policy NO from different services are both listed")
    func capacityAndPolicy() throws {
        let denied = PlanningService(
            name: "strict", servicetype: "uri://strict", endpoint: "http://example.org/strict",
            taskTypes: [Fixtures.bind("uri://image", settings: ["denied": ["a:1"]])])
        var services = planner().services
        services.append(denied)
        let busy = timeline([(from: -600, to: 48 * 3600, cores: 16, gib: 64)])
        let answer = try answer(#"{"mincores": 2}"#, planner: OfferPlanner(registry: Fixtures.registry, services: services), busy: busy)
        #expect(Set(answer.reasons.map(\.code)) == [.exceedsCapacity, .refusedByPolicy])
        #expect(Set(answer.reasons.map(\.reasonClass)) == [.notNow, .policy])
    }
}
