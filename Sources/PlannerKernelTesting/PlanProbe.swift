public import Foundation
public import PlannerKernel

/// What planning one ask against a handler gave: an answer, or the problems that made the ask invalid.
public struct PlanProbe: Sendable {
    /// The answer (`YES` or `NO`), or `nil` when the ask was invalid.
    public var answer: Answer?
    /// Every problem of an invalid ask; empty when there is an answer.
    public var problems: [Problem]

    /// `YES`, `NO`, or `nil` for an invalid ask.
    public var responseword: String? { answer?.responseword.rawValue }
    /// The best offer's `serviceinfo`.
    public var serviceInfo: JSONValue? { answer?.offers.first?.serviceinfo }
    /// The answer's reasons.
    public var reasons: [Reason] { answer?.reasons ?? [] }
    /// The answer's warnings.
    public var warnings: [PlanWarning] { answer?.warnings ?? [] }
    /// The answer as the daemon sends it, or `nil` for an invalid ask.
    public var document: JSONValue? { answer?.document }
}

/// A test-setup mistake in ``TaskTypeHandler/probePlan(taskInfo:resources:settings:now:)``.
public struct PlanProbeError: Error, Sendable, CustomStringConvertible {
    /// The problems of the settings or of the handler's registration.
    public var problems: [String]
    /// One line per problem.
    public var description: String { "the probe service could not be set up: " + problems.joined(separator: "; ") }
}

extension TaskTypeHandler {
    /// The endpoint of the service ``probePlan(taskInfo:resources:settings:now:)`` plans on.
    public static var probeEndpoint: String { "http://plannerd.test/service" }

    /// Plans an ask for this task type against one service that runs only this handler, in one line:
    ///
    /// ```swift
    /// let probe = try ApptainerTaskType().probePlan(taskInfo: ["image": "docker://alpine:3.20"])
    /// #expect(probe.responseword == "YES")
    /// ```
    ///
    /// The service (`probe`, type `uri://plannerd-probe`, endpoint ``probeEndpoint``) has no pool and
    /// no limits, so the answer depends only on the handler, `taskinfo` and `resources`.
    /// - Parameters:
    ///   - taskInfo: the ask's `taskinfo`.
    ///   - resources: the ask's `resources` object, or `nil` to leave it out.
    ///   - settings: the service's `settings` block as JSON text, or `nil` for the handler's defaults.
    ///   - now: the planning instant (fixed by default, so answers repeat exactly).
    /// - Throws: ``PlanProbeError`` when `settings` is invalid.
    public func probePlan(
        taskInfo: JSONValue, resources: JSONValue? = nil, settings: String? = nil,
        now: Date = Date(timeIntervalSince1970: 1_798_761_600)
    ) throws -> PlanProbe {
        let planner = try probePlanner(settings: settings)
        var members: [JSONObject.Member] = [.init(key: "tasktype", value: .string(canonicalURI)), .init(key: "taskinfo", value: taskInfo)]
        if let resources { members.append(.init(key: "resources", value: resources)) }
        switch planner.plan(.object(JSONObject(members)), now: now) {
        case .answer(let answer): return PlanProbe(answer: answer, problems: [])
        case .invalid(let problems): return PlanProbe(answer: nil, problems: problems)
        }
    }

    /// A planner with one service running this handler under `settings` (JSON text; `nil` for defaults).
    /// - Throws: ``PlanProbeError`` when the settings are invalid or the handler cannot be registered.
    public func probePlanner(settings: String? = nil) throws -> OfferPlanner {
        var value: JSONValue?
        if let settings {
            switch ProbeDocument.parse(settings) {
            case .success(let parsed): value = parsed
            case .failure(let error): throw PlanProbeError(problems: error.problems.map(\.description))
            }
        }
        let erased = AnyTaskTypeHandler(self)
        var report = ValidationReport()
        guard let bound = erased.bind(settings: value, at: ProbeDocument.settingsPath, report: &report) else {
            throw PlanProbeError(problems: report.problems.map(\.description))
        }
        let registry: TaskTypeRegistry
        do { registry = try TaskTypeRegistry([self]) } catch { throw PlanProbeError(problems: ["\(error)"]) }
        let service = PlanningService(name: "probe", servicetype: "uri://plannerd-probe", endpoint: Self.probeEndpoint, taskTypes: [bound])
        return OfferPlanner(registry: registry, services: [service])
    }
}
