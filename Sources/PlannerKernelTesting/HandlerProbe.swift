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
        let value: JSONValue
        do {
            value = try StrictJSONParser().parse(json)
        } catch {
            var report = ValidationReport()
            report.problems = error.problems
            return TaskInfoOutcome(task: nil, report: report)
        }
        return probeTaskInfo(value)
    }

    /// Reads `value` as `taskinfo` at `/taskinfo`.
    public func probeTaskInfo(_ value: JSONValue) -> TaskInfoOutcome<Self> {
        var report = ValidationReport()
        let task = readTaskInfo(value, at: JSONPointer(tokens: ["taskinfo"]), report: &report)
        return TaskInfoOutcome(task: report.problems.isEmpty ? task : nil, report: report)
    }

    /// Reads `json` as a service's `settings` block at `/services/0/settings`.
    public func probeSettings(_ json: String?) -> (settings: Settings?, report: ValidationReport) {
        var report = ValidationReport()
        var value: JSONValue?
        if let json {
            do { value = try StrictJSONParser().parse(json) } catch {
                report.problems = error.problems
                return (nil, report)
            }
        }
        let settings = readSettings(value, at: JSONPointer(tokens: ["services", "0", "settings"]), report: &report)
        return (report.problems.isEmpty ? settings : nil, report)
    }
}
