/// A type-erased ``TaskTypeHandler``, as the registry and planner hold them.
public struct AnyTaskTypeHandler: Sendable {
    /// The handler's name.
    public let name: String
    /// The canonical URI.
    public let canonicalURI: String
    /// The aliases.
    public let aliases: [String]
    /// The self-description.
    public let documentation: TaskTypeDocumentation

    private let readTask: @Sendable (JSONValue, JSONPointer, inout ValidationReport) -> ParsedTask?
    private let bindSettings: @Sendable (JSONValue?, JSONPointer, inout ValidationReport) -> BoundTaskType?

    /// Erases `handler`.
    public init<Handler: TaskTypeHandler>(_ handler: Handler) {
        name = handler.name
        canonicalURI = handler.canonicalURI
        aliases = handler.aliases
        documentation = handler.documentation
        let uri = handler.canonicalURI
        readTask = { json, path, report in
            handler.readTaskInfo(json, at: path, report: &report).map { ParsedTask(value: $0, handlerURI: uri, path: path) }
        }
        bindSettings = { json, path, report in
            guard let settings = handler.readSettings(json, at: path, report: &report) else { return nil }
            return BoundTaskType(handler: handler, settings: settings)
        }
    }

    /// Every URI the handler answers to, canonical first.
    public var allURIs: [String] { [canonicalURI] + aliases }

    /// Reads `taskinfo`; `nil` when any problem was reported.
    public func readTaskInfo(_ json: JSONValue, at path: JSONPointer, report: inout ValidationReport) -> ParsedTask? {
        let before = report.problems.count
        let task = readTask(json, path, &report)
        return report.problems.count == before ? task : nil
    }

    /// Reads a service's settings and binds them to this handler; `nil` when any problem was reported.
    public func bind(settings json: JSONValue?, at path: JSONPointer, report: inout ValidationReport) -> BoundTaskType? {
        let before = report.problems.count
        let bound = bindSettings(json, path, &report)
        return report.problems.count == before ? bound : nil
    }
}

/// A `taskinfo` that its handler accepted, kept opaque until a bound handler reviews it.
public struct ParsedTask: Sendable {
    let value: any Sendable
    let handlerURI: String
    let path: JSONPointer
}

/// A handler together with one service's validated settings.
public struct BoundTaskType: Sendable {
    /// The canonical URI of the handler.
    public let canonicalURI: String
    private let review: @Sendable (ParsedTask, String) -> TaskReview

    init<Handler: TaskTypeHandler>(handler: Handler, settings: Handler.Settings) {
        canonicalURI = handler.canonicalURI
        review = { task, endpoint in
            guard let typed = task.value as? Handler.TaskInfo, task.handlerURI == handler.canonicalURI else {
                return TaskReview(reasons: [Reason(
                    path: task.path, code: .refusedByPolicy, reasonClass: .unsupported,
                    message: "the task was read by \(task.handlerURI), not by \(handler.canonicalURI)")], serviceInfo: nil)
            }
            let reasons = handler.policyReasons(for: typed, settings: settings, taskInfoPath: task.path)
            guard reasons.isEmpty else { return TaskReview(reasons: reasons, serviceInfo: nil) }
            let info = handler.serviceInfo(for: typed, endpoint: endpoint, settings: settings)
            do {
                return TaskReview(reasons: [], serviceInfo: try JSONValue(document: info))
            } catch {
                return TaskReview(reasons: [Reason(
                    path: task.path, code: .refusedByPolicy, reasonClass: .policy,
                    message: "the \(handler.name) handler could not describe the service: \(error)")], serviceInfo: nil)
            }
        }
    }

    /// The handler's policy reasons for `task`, or (when there are none) its `serviceinfo`.
    public func review(_ task: ParsedTask, endpoint: String) -> TaskReview { review(task, endpoint) }
}

/// What a bound handler says about one task on one service.
public struct TaskReview: Sendable {
    /// Policy refusals; empty when the service may run the task.
    public var reasons: [Reason]
    /// The `serviceinfo`, when accepted.
    public var serviceInfo: JSONValue?
}
