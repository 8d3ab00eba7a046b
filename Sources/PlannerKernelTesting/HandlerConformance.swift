public import PlannerKernel

/// Checks that a handler keeps the promises of the ``TaskTypeHandler`` protocol. Every handler's
/// test suite (community ones included) should call it: `#expect(HandlerConformance.violations(of: h).isEmpty)`.
public enum HandlerConformance {
    /// Documents that are never valid `taskinfo` (not an object), each must be refused with a problem at `/taskinfo`.
    public static let nonObjects: [JSONValue] = [.null, .bool(true), .integer(1), .real(1.5), .string("x"), .array([])]

    /// Every broken promise, as sentences; empty when the handler conforms.
    /// - Parameter validTaskInfo: at least one `taskinfo` the handler must accept with default settings.
    public static func violations<Handler: TaskTypeHandler>(of handler: Handler, validTaskInfo: [JSONValue]) -> [String] {
        var found: [String] = []
        for uri in handler.allURIs {
            if let problem = TaskTypeURI.problem(in: uri) { found.append("URI \"\(uri)\" is not an absolute URI: \(problem)") }
        }
        if Set(handler.allURIs).count != handler.allURIs.count { found.append("the canonical URI and aliases repeat a URI") }
        if handler.name.isEmpty { found.append("the handler has no name") }
        if handler.documentation.summary.isEmpty { found.append("the documentation has no summary") }
        if handler.documentation.fields.isEmpty { found.append("the documentation lists no taskinfo fields") }
        for value in nonObjects {
            let outcome = handler.probeTaskInfo(value)
            if outcome.task != nil { found.append("accepted \(value.typeDescription) as taskinfo") }
            if outcome.report.problems.isEmpty { found.append("reported no problem for \(value.typeDescription) as taskinfo") }
            if !outcome.problemPaths.allSatisfy({ $0 == "/taskinfo" }) {
                found.append("a non-object taskinfo must be reported at /taskinfo, not \(outcome.problemPaths)")
            }
        }
        let unknown = handler.probeTaskInfo(.object(JSONObject([.init(key: "no-such-field-xyz", value: .integer(1))])))
        if !unknown.report.problems.contains(where: { $0.path.description == "/taskinfo/no-such-field-xyz" && $0.code == .unknownField }) {
            found.append("an unknown taskinfo key must be an unknown-field problem at its path")
        }
        let (settings, settingsReport) = handler.probeSettings(nil)
        if settings == nil { found.append("a service without settings must get default settings, not \(settingsReport.problems)") }
        let badSettings = handler.probeSettings(#"{"no-such-setting-xyz": 1}"#)
        if badSettings.report.problems.isEmpty { found.append("an unknown settings key must be a problem") }
        for value in validTaskInfo {
            let outcome = handler.probeTaskInfo(value)
            guard let task = outcome.task else {
                found.append("refused the valid taskinfo \(value): \(outcome.report.problems)")
                continue
            }
            for problem in outcome.report.problems + [] where !problem.path.description.hasPrefix("/taskinfo") {
                found.append("problem path \(problem.path) is outside /taskinfo")
            }
            if let settings {
                let info = handler.serviceInfo(for: task, endpoint: "http://example.org/service", settings: settings)
                guard let json = try? JSONValue(encoding: info), let object = json.objectValue else {
                    found.append("serviceinfo does not encode as a JSON object")
                    continue
                }
                if object["endpoint"] != .string("http://example.org/service") {
                    found.append("serviceinfo must carry the service's endpoint unchanged")
                }
            }
        }
        return found
    }
}
