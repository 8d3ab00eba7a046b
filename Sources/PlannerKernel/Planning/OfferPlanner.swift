public import Foundation

/// Answers asks: validates them (with the task type's handler) and plans offers against the
/// configured services.
///
/// Planning without `hold` is a pure function of the ask, the configuration and `now`: it has no
/// side effects and the same ask gets the same answer.
public struct OfferPlanner: Sendable {
    /// The known task types.
    public let registry: TaskTypeRegistry
    /// The configured services, in configuration order.
    public let services: [PlanningService]
    /// Ranking and bounds.
    public let options: PlanningOptions

    /// A planner.
    public init(registry: TaskTypeRegistry, services: [PlanningService], options: PlanningOptions = PlanningOptions()) {
        self.registry = registry
        self.services = services
        self.options = options
    }

    /// The outcome of one ask: an answer, or every problem that makes it invalid.
    public enum Outcome: Sendable {
        /// A `200` answer, `YES` or `NO`.
        case answer(Answer)
        /// The ask is invalid: `400` when it is not an object (see ``isUnreadableDocument``), else `422`.
        case invalid([Problem])
    }

    /// An ask that passed validation, ready to be planned.
    public struct ValidatedAsk: Sendable {
        /// The ask's fields.
        public var ask: Ask
        /// The handler's reading of `taskinfo` (`nil` for a task type no handler knows).
        public var task: ParsedTask?
        /// Notes found while validating (mutable tags, unpinned versions, …).
        public var warnings: [PlanWarning]
    }

    /// Validates a parsed ask document: the ask ready to plan, or every problem that makes it invalid.
    public func validate(_ document: JSONValue) -> Result<ValidatedAsk, InvalidAsk> {
        var report = ValidationReport()
        let ask = Ask.read(document, report: &report)
        var task: ParsedTask?
        // Validate taskinfo even when the rest of the ask has problems, so every problem is listed at once.
        if case .object(let object) = document, case .string(let tasktype)? = object["tasktype"],
            let handler = registry.handler(for: tasktype), let taskinfo = object["taskinfo"], taskinfo.objectValue != nil
        {
            task = handler.readTaskInfo(taskinfo, at: JSONPointer(tokens: ["taskinfo"]), report: &report)
        }
        guard report.problems.isEmpty, let ask else { return .failure(InvalidAsk(problems: report.problems)) }
        return .success(ValidatedAsk(ask: ask, task: task, warnings: report.warnings))
    }

    /// Validates and plans a parsed ask document for `caller`.
    public func plan(_ document: JSONValue, now: Date, caller: Caller = .anonymous) -> Outcome {
        switch validate(document) {
        case .success(let valid): .answer(plan(valid, now: now, caller: caller))
        case .failure(let invalid): .invalid(invalid.problems)
        }
    }

    /// Plans a validated ask for `caller` against `reservations` (see
    /// ``plan(_:task:warnings:now:caller:reservations:)``).
    public func plan(
        _ valid: ValidatedAsk, now: Date, caller: Caller = .anonymous, reservations: [String: CapacityTimeline] = [:]
    ) -> Answer {
        plan(valid.ask, task: valid.task, warnings: valid.warnings, now: now, caller: caller, reservations: reservations)
    }

    /// Plans a validated ask; `task` is its handler's reading of `taskinfo` (`nil` for an unknown type).
    ///
    /// Only the services whose ``ServiceAccess`` admits `caller` are planned on, and only they give
    /// offers or reasons: a caller learns nothing about services it may not use. When some service
    /// runs the task type but none admits the caller, the answer is `NO` with `not-permitted`.
    /// - Parameter reservations: each service's holds and bookings (on top of its configured
    ///   `reserved` periods) by service name; services not named use their configured timeline.
    public func plan(
        _ ask: Ask, task: ParsedTask?, warnings: [PlanWarning], now: Date, caller: Caller = .anonymous,
        reservations: [String: CapacityTimeline] = [:]
    ) -> Answer {
        guard let handler = registry.handler(for: ask.tasktype), let task else {
            let reason = Reason(
                path: JSONPointer(tokens: ["tasktype"]), code: .unsupportedTaskType, reasonClass: .unsupported,
                message: "no handler here knows the task type \"\(ask.tasktype.prefix(200))\"; supported: \(supportedTaskTypes.joined(separator: ", "))")
            return Answer(tasktype: ask.tasktype, offers: [], reasons: [reason], warnings: warnings, supported: supportedTaskTypes)
        }
        let running = services.filter { $0.taskTypes[handler.canonicalURI] != nil }
        guard !running.isEmpty else {
            let reason = Reason(
                path: JSONPointer(tokens: ["tasktype"]), code: .noService, reasonClass: .unsupported,
                message: "the task type \(handler.canonicalURI) is known, but no service here is configured to run it")
            return Answer(tasktype: ask.tasktype, offers: [], reasons: [reason], warnings: warnings, supported: supportedTaskTypes)
        }
        let candidates = running.filter { $0.access.admits(caller) }
        guard !candidates.isEmpty else {
            return Answer(tasktype: ask.tasktype, offers: [], reasons: [notPermitted(handler.canonicalURI, caller: caller)], warnings: warnings)
        }
        let scheduler = scheduler(for: ask, now: now)
        var offers: [Offer] = []
        var reasons: [Reason] = []
        if scheduler.windows.isEmpty { reasons.append(outsideWindow(ask, now: now)) }
        for service in candidates {
            guard let bound = service.taskTypes[handler.canonicalURI] else { continue }
            let review = bound.review(task, endpoint: service.endpoint)
            var serviceReasons = review.reasons.map { reason in
                var reason = reason
                reason.service = reason.service ?? service.name
                return reason
            }
            var placed: (start: Int64, resources: OfferedResources)?
            switch ResourceRangeResolver.resolve(ask.resources, on: service) {
            case .failure(let list):
                serviceReasons += list.reasons
            case .success(let offered) where serviceReasons.isEmpty:
                switch scheduler.schedule(offered, on: service, timeline: reservations[service.name] ?? service.reserved) {
                case .success(let found): placed = found
                case .failure(let list): serviceReasons += list.reasons
                }
            case .success:
                break
            }
            if serviceReasons.isEmpty, let placed, let serviceInfo = review.serviceInfo {
                offers.append(Offer(
                    service: service.name, servicetype: service.servicetype, serviceinfo: serviceInfo,
                    resources: placed.resources, start: Date(timeIntervalSince1970: TimeInterval(placed.start))))
            } else {
                reasons += serviceReasons
            }
        }
        return Answer(tasktype: ask.tasktype, offers: Array(rank(offers).prefix(options.maxoffers)), reasons: reasons, warnings: warnings)
    }

    /// The ask's start windows clipped to `[now, now + lookahead)`, in whole seconds.
    func scheduler(for ask: Ask, now: Date) -> OfferScheduler {
        let start = Int64(now.timeIntervalSince1970.rounded(.up))
        let horizon = (start: start, end: start + options.lookahead.seconds)
        guard !ask.startWindows.isEmpty else {
            return OfferScheduler(windows: [horizon], horizon: horizon, askedWindows: false)
        }
        let windows = ask.startWindows.compactMap { window -> (start: Int64, end: Int64)? in
            let from = max(Int64(window.start.timeIntervalSince1970.rounded(.up)), horizon.start)
            let until = min(Int64(window.end.timeIntervalSince1970.rounded(.down)), horizon.end)
            return from < until ? (from, until) : nil
        }
        return OfferScheduler(windows: windows, horizon: horizon, askedWindows: true)
    }

    /// Why no asked window can be used: all are in the past (`never`) or beyond the look-ahead (`not-now`).
    func outsideWindow(_ ask: Ask, now: Date) -> Reason {
        let allPast = ask.startWindows.allSatisfy { $0.end <= now }
        return Reason(
            path: JSONPointer(tokens: ["schedule", "start"]), code: .outsideWindow, reasonClass: allPast ? .never : .notNow,
            message: allPast
                ? "every asked start window has already ended"
                : "every asked start window is further ahead than this planner looks (\(options.lookahead.canonical))",
            limit: .string(options.lookahead.canonical),
            nearest: JSONObject([.init(key: "start", value: .string(
                "\(RFC3339.format(now))/\(RFC3339.format(now.addingTimeInterval(TimeInterval(options.lookahead.seconds))))"))]))
    }

    /// Why `caller` gets nothing: services run the task type, but none admits it. The message
    /// tells an anonymous caller to sign in, and names no service (their allow lists stay private).
    func notPermitted(_ tasktype: String, caller: Caller) -> Reason {
        let message = if let subject = caller.subject {
            "\"\(subject.prefix(100))\" is not permitted on any service that runs \(tasktype) here"
        } else {
            "anonymous callers are not permitted on any service that runs \(tasktype) here; ask with a bearer token"
        }
        return Reason(path: .root, code: .notPermitted, reasonClass: .policy, message: message)
    }

    /// The canonical URIs of the task types at least one service runs.
    public var supportedTaskTypes: [String] {
        registry.canonicalURIs.filter { uri in services.contains { $0.taskTypes[uri] != nil } }
    }

    /// Best first: the earliest start, then the most cores, then the most memory, then configuration order.
    func rank(_ offers: [Offer]) -> [Offer] {
        offers.enumerated().sorted { lhs, rhs in
            let (a, b) = (lhs.element, rhs.element)
            if a.start != b.start { return a.start < b.start }
            if a.resources.maxcores != b.resources.maxcores { return a.resources.maxcores > b.resources.maxcores }
            if a.resources.maxmemory != b.resources.maxmemory { return a.resources.maxmemory > b.resources.maxmemory }
            return lhs.offset < rhs.offset
        }.map(\.element)
    }
}

/// Every problem that makes an ask invalid (`422`, or `400` when it is not an object).
public struct InvalidAsk: Error, Sendable {
    /// The problems, in document order.
    public var problems: [Problem]

    /// Whether the document as a whole is unreadable (not a JSON object: `400`) rather than its fields (`422`).
    public var isUnreadableDocument: Bool { problems.contains { $0.code == .notAnObject && $0.path == .root } }
}

extension OfferPlanner.Outcome {
    /// Whether an invalid outcome is about the body as a whole (not a JSON object: `400`)
    /// rather than its fields (`422`).
    public var isUnreadableDocument: Bool {
        guard case .invalid(let problems) = self else { return false }
        return InvalidAsk(problems: problems).isUnreadableDocument
    }
}
