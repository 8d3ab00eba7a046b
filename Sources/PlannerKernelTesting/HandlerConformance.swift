public import PlannerKernel

/// Checks that a handler keeps the promises of the ``TaskTypeHandler`` protocol. Every handler's
/// test suite (community ones included) should run it:
///
/// ```swift
/// @Test func conforms() {
///     let violations = HandlerConformance.violations(of: ApptainerTaskType(), validTaskInfo: [["image": "docker://alpine:3.20"]])
///     #expect(violations.isEmpty, "\(violations.map(\.description).joined(separator: "\n"))")
/// }
/// ```
///
/// It reads the valid examples, the invalid ones, every value of ``JSONFuzzCorpus`` and hundreds
/// of mutations of the valid examples as `taskinfo`, and the corpus as `settings`; plans each
/// valid example twice; and reports every broken promise with what to fix (``ConformanceViolation``).
/// A handler that crashes on some input crashes the test, which names the suite.
public enum HandlerConformance {
    /// Documents that are never valid `taskinfo` (not an object), each must be refused with a problem at `/taskinfo`.
    public static let nonObjects: [JSONValue] = [.null, .bool(true), .integer(1), .real(1.5), .string("x"), .array([])]

    /// At most this many violations of one rule are listed; the rest are counted in one more line.
    public static let shownPerRule = 5

    /// Every broken promise; empty when the handler conforms.
    /// - Parameters:
    ///   - validTaskInfo: `taskinfo` documents the handler must accept under `settings` (at least one).
    ///   - invalidTaskInfo: `taskinfo` documents the handler must refuse (optional; the corpus adds many more).
    ///   - settings: the `settings` block (JSON text) for the service info and planning checks; `nil` for the defaults.
    public static func violations<Handler: TaskTypeHandler>(
        of handler: Handler, validTaskInfo: [JSONValue], invalidTaskInfo: [JSONValue] = [], settings: String? = nil
    ) -> [ConformanceViolation] {
        var findings = Findings()
        checkIdentity(of: handler, into: &findings)
        let boundSettings = checkSettings(of: handler, given: settings, into: &findings)
        if validTaskInfo.isEmpty {
            findings.add(.acceptsValidTaskInfo, "no valid taskinfo was given to the conformance check",
                fix: "pass at least one taskinfo your handler accepts as validTaskInfo")
        }
        checkReading(of: handler, valid: validTaskInfo, invalid: invalidTaskInfo, into: &findings)
        checkEveryProblemReported(by: handler, valid: validTaskInfo, into: &findings)
        if let boundSettings {
            checkServiceInfo(of: handler, valid: validTaskInfo, settings: boundSettings, into: &findings)
        }
        checkPlanning(of: handler, valid: validTaskInfo, settings: settings, into: &findings)
        return findings.violations
    }

    /// URIs, name and documentation.
    static func checkIdentity<Handler: TaskTypeHandler>(of handler: Handler, into findings: inout Findings) {
        for uri in handler.allURIs {
            if let problem = TaskTypeURI.problem(in: uri) {
                findings.add(.uris, "the URI \"\(uri)\" is not an absolute URI: \(problem)",
                    fix: "use an absolute URI such as uri://my-task-type, with no spaces")
            }
        }
        if Set(handler.allURIs).count != handler.allURIs.count {
            findings.add(.uris, "the canonical URI and the aliases repeat a URI (\(handler.allURIs))",
                fix: "list each alias once and do not repeat the canonical URI among the aliases")
        }
        if handler.name.isEmpty {
            findings.add(.documentation, "the handler has no name", fix: "return a short name such as \"Apptainer\" from `name`")
        }
        if handler.documentation.summary.isEmpty {
            findings.add(.documentation, "the documentation has no summary", fix: "give `documentation.summary` one sentence saying what the task type is")
        }
        if handler.documentation.fields.isEmpty {
            findings.add(.documentation, "the documentation lists no taskinfo fields",
                fix: "list every taskinfo key in `documentation.fields`, for GET /tasktypes")
        }
    }

    /// `serviceinfo` of every valid example: a JSON object with the endpoint, the same both ways.
    static func checkServiceInfo<Handler: TaskTypeHandler>(
        of handler: Handler, valid: [JSONValue], settings: Handler.Settings, into findings: inout Findings
    ) {
        let endpoint = Handler.probeEndpoint
        for value in valid {
            var report = ValidationReport()
            guard let task = handler.readTaskInfo(value, at: taskInfoPath, report: &report), report.problems.isEmpty else { continue }
            let info = handler.serviceInfo(for: task, endpoint: endpoint, settings: settings)
            guard let encoded = try? JSONValue(encoding: info), let object = encoded.objectValue else {
                findings.add(.serviceInfo, "the serviceinfo for \(JSONFuzzCorpus.summary(of: value)) does not encode as a JSON object",
                    fix: "make ServiceInfo a struct whose Encodable form is an object (keys in the order clients read them)")
                continue
            }
            if object["endpoint"] != .string(endpoint) {
                findings.add(.serviceInfo, "the serviceinfo for \(JSONFuzzCorpus.summary(of: value)) does not carry the endpoint \(endpoint)",
                    fix: "copy the `endpoint` argument of serviceInfo(for:endpoint:settings:) into an `endpoint` member, unchanged")
            }
            if let convertible = info as? any JSONDocumentConvertible, convertible.jsonDocument != encoded {
                findings.add(.serviceInfo, "jsonDocument (\(JSONFuzzCorpus.summary(of: convertible.jsonDocument))) differs from the Encodable form (\(JSONFuzzCorpus.summary(of: encoded)))",
                    fix: "let encode(to:) encode jsonDocument, so the shape is written once")
            }
        }
    }

    /// The pointer every `taskinfo` is read at (besides ``nestedTaskInfoPath``).
    static var taskInfoPath: JSONPointer { ProbeDocument.taskInfoPath }
    /// The pointer every `settings` block is read at.
    static var settingsPath: JSONPointer { ProbeDocument.settingsPath }

    /// Whether `path` is `base` or inside it.
    static func path(_ path: JSONPointer, isInside base: JSONPointer) -> Bool {
        path.tokens.count >= base.tokens.count && Array(path.tokens.prefix(base.tokens.count)) == base.tokens
    }
}

/// The violations found so far, at most ``HandlerConformance/shownPerRule`` per rule.
struct Findings {
    private(set) var shown: [ConformanceViolation] = []
    private var counts: [ConformanceViolation.Rule: Int] = [:]

    mutating func add(_ rule: ConformanceViolation.Rule, _ what: String, fix: String) {
        counts[rule, default: 0] += 1
        if counts[rule, default: 0] <= HandlerConformance.shownPerRule {
            shown.append(ConformanceViolation(rule, what, fix: fix))
        }
    }

    /// The shown violations, then one line per rule with more than were shown.
    var violations: [ConformanceViolation] {
        var result = shown
        for rule in ConformanceViolation.Rule.allCases {
            let count = counts[rule, default: 0]
            if count > HandlerConformance.shownPerRule {
                result.append(ConformanceViolation(rule, "\(count - HandlerConformance.shownPerRule) more violations of this rule", fix: "see the ones above"))
            }
        }
        return result
    }
}
