import Foundation
import PlannerKernel
import Testing

@testable import PlannerStorage

/// A minimal handler for the storage tests, so they do not depend on the compiled-in handlers:
/// task type `uri://probe`, `taskinfo` `{"name": String}`, no settings, `serviceinfo`
/// `{"endpoint", "name"}`.
struct ProbeTaskType: TaskTypeHandler {
    /// What the answer's `serviceinfo` holds.
    struct ServiceInfo: Encodable, Sendable {
        var endpoint: String
        var name: String
    }

    var name = "Probe"
    var canonicalURI = "uri://probe"
    var documentation: TaskTypeDocumentation {
        TaskTypeDocumentation(summary: "A probe task.", fields: [.init("name", required: true, "what to call it")])
    }

    func readTaskInfo(_ json: JSONValue, at path: JSONPointer, report: inout ValidationReport) -> String? {
        guard let fields = FieldReader(json, at: path, allowedKeys: ["name"], report: &report) else { return nil }
        return fields.string("name", required: true, maxLength: 100, report: &report)
    }

    func readSettings(_ json: JSONValue?, at path: JSONPointer, report: inout ValidationReport) -> Bool? {
        guard let json else { return true }
        return FieldReader(json, at: path, allowedKeys: [], report: &report) == nil ? nil : true
    }

    func serviceInfo(for task: String, endpoint: String, settings: Bool) -> ServiceInfo {
        ServiceInfo(endpoint: endpoint, name: task)
    }
}

/// The planner and asks of the storage tests: services named by the caller, each running
/// `uri://probe` with a pool of ``poolCores`` cores and 64Gi, and asks for exact amounts
/// (min = max) so that what a hold reserves is known in advance.
enum Probe {
    /// The cores in every service's pool.
    static let poolCores: Int64 = 10
    /// A fixed "now" for every test (2030-03-17T17:46:40Z): tests pass explicit times, never sleep.
    static let t0 = Date(timeIntervalSince1970: 1_900_000_000)
    /// `t0` in whole seconds.
    static let t0Seconds: Int64 = 1_900_000_000

    /// `t0` plus `minutes` (and `seconds`).
    static func at(minutes: Int, seconds: Int = 0) -> Date { t0.addingTimeInterval(TimeInterval(minutes * 60 + seconds)) }

    /// A planner over services `names` (in that order), each with a pool of `pool` cores (default 10) and 64Gi.
    static func planner(_ names: [String] = ["alpha"], pool: Int64 = poolCores, maxhold: TaskDuration = TaskDuration(minutes: 15)) throws
        -> OfferPlanner
    {
        let handler = ProbeTaskType()
        let registry = try TaskTypeRegistry([handler])
        var report = ValidationReport()
        let bound = try #require(AnyTaskTypeHandler(handler).bind(settings: nil, at: .root, report: &report), "\(report.problems)")
        let services = try names.map { name in
            PlanningService(
                name: name, servicetype: "uri://\(name)-service", endpoint: "http://example.org/\(name)", taskTypes: [bound],
                limits: ServiceLimits(maxcores: poolCores, maxmemory: try MemoryQuantity(parsing: "16Gi"), maxduration: TaskDuration(hours: 4)),
                capacity: ServiceCapacity(cores: pool, memory: try MemoryQuantity(parsing: "64Gi")))
        }
        return OfferPlanner(registry: registry, services: services, options: PlanningOptions(maxhold: maxhold))
    }

    /// An ask for exactly `cores` cores and 1Gi for exactly `duration`, held for `hold` when given,
    /// starting anywhere (from now, within the look-ahead) or only at `startAt`.
    static func ask(
        _ planner: OfferPlanner, cores: Int64 = poolCores, duration: String = "1h", hold: String? = nil, startAt: Date? = nil
    ) throws -> OfferPlanner.ValidatedAsk {
        var members = [
            #""tasktype": "uri://probe""#, #""taskinfo": {"name": "probe"}"#,
            #""resources": {"mincores": \#(cores), "maxcores": \#(cores), "minmemory": "1Gi", "maxmemory": "1Gi", "minduration": "\#(duration)", "maxduration": "\#(duration)"}"#,
        ]
        if let hold { members.append(#""hold": "\#(hold)""#) }
        if let startAt {
            // A one-second window: the offer starts exactly then or not at all.
            let window = "\(RFC3339.format(startAt))/\(RFC3339.format(startAt.addingTimeInterval(1)))"
            members.append(#""schedule": {"start": ["\#(window)"]}"#)
        }
        let document = try StrictJSONParser().parse("{" + members.joined(separator: ", ") + "}")
        switch planner.validate(document) {
        case .success(let valid): return valid
        case .failure(let invalid): throw AskRejected(problems: invalid.problems.map(\.message))
        }
    }

    /// A test ask that did not validate.
    struct AskRejected: Error, CustomStringConvertible {
        var problems: [String]
        var description: String { "invalid ask: \(problems.joined(separator: "; "))" }
    }
}

extension ReservationBook {
    /// Holds `cores` cores for 1h starting exactly at `startAt` (default `now`) and returns the answer's
    /// first offer id, failing the test when the answer is not a `YES` with held offers.
    func holdOne(
        cores: Int64 = Probe.poolCores, owner: String? = nil, now: Date = Probe.t0, startAt: Date? = nil, hold: String = "5m",
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> String {
        let answer = try await plan(try Probe.ask(planner, cores: cores, hold: hold, startAt: startAt ?? now), caller: owner.map { Caller(subject: $0) } ?? .anonymous, now: now)
        try #require(answer.responseword == .yes, "\(answer.reasons.map(\.message))", sourceLocation: sourceLocation)
        return try #require(answer.offers.first?.id, sourceLocation: sourceLocation)
    }

    /// Whether a dry run for `cores` cores for 1h starting exactly at `startAt` (default `now`) is a `YES`.
    func fits(cores: Int64 = Probe.poolCores, now: Date = Probe.t0, startAt: Date? = nil) async throws -> Bool {
        try await plan(try Probe.ask(planner, cores: cores, startAt: startAt ?? now), caller: .anonymous, now: now).responseword == .yes
    }
}
