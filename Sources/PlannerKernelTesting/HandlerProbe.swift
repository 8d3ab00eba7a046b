public import PlannerKernel

/// What a handler made of one `taskinfo` document: the task (when valid) and the report.
public struct TaskInfoOutcome<Handler: TaskTypeHandler>: Sendable {
    /// The task, or `nil` when a problem was reported.
    public var task: Handler.TaskInfo?
    /// Every problem and warning.
    public var report: ValidationReport

    /// The rendered paths of the problems, in order.
    public var problemPaths: [String] { report.problems.map(\.path.description) }
    /// The codes of the problems, in order.
    public var problemCodes: [ProblemCode] { report.problems.map(\.code) }
    /// The codes of the warnings, in order.
    public var warningCodes: [ProblemCode] { report.warnings.map(\.code) }
}

extension TaskTypeHandler {
    /// Parses `json` strictly and reads it as `taskinfo` at `/taskinfo`, as the planner does.
    /// A document that is not JSON at all comes back as a report with the parse problems.
    public func probeTaskInfo(_ json: String) -> TaskInfoOutcome<Self> {
        switch ProbeDocument.parse(json) {
        case .success(let value): return probeTaskInfo(value)
        case .failure(let error): return TaskInfoOutcome(task: nil, report: ProbeDocument.report(error))
        }
    }

    /// Reads `value` as `taskinfo` at `/taskinfo`.
    public func probeTaskInfo(_ value: JSONValue) -> TaskInfoOutcome<Self> {
        var report = ValidationReport()
        let task = readTaskInfo(value, at: ProbeDocument.taskInfoPath, report: &report)
        return TaskInfoOutcome(task: report.problems.isEmpty ? task : nil, report: report)
    }

    /// Reads `json` as a service's `settings` block at `/services/0/settings`.
    public func probeSettings(_ json: String?) -> (settings: Settings?, report: ValidationReport) {
        var report = ValidationReport()
        var value: JSONValue?
        if let json {
            switch ProbeDocument.parse(json) {
            case .success(let parsed): value = parsed
            case .failure(let error): return (nil, ProbeDocument.report(error))
            }
        }
        let settings = readSettings(value, at: ProbeDocument.settingsPath, report: &report)
        return (report.problems.isEmpty ? settings : nil, report)
    }
}

/// Where the probes and the conformance checks read documents (as the daemon reads an ask's
/// `taskinfo` and a configuration's first service's `settings`), and how they parse JSON text.
enum ProbeDocument {
    /// `/taskinfo`.
    static let taskInfoPath = JSONPointer(tokens: ["taskinfo"])
    /// `/services/0/settings`.
    static let settingsPath = JSONPointer(tokens: ["services", "0", "settings"])

    /// `text` parsed strictly, as the daemon parses a body.
    static func parse(_ text: String) -> Result<JSONValue, JSONParseError> {
        Result { () throws(JSONParseError) in try StrictJSONParser().parse(text) }
    }

    /// A report holding the parse problems of `error`.
    static func report(_ error: JSONParseError) -> ValidationReport {
        var report = ValidationReport()
        report.problems = error.problems
        return report
    }
}
