import PlannerKernel

extension HandlerConformance {
    /// Each valid example planned twice at the same instant: the same answer, and a valid ask.
    static func checkPlanning<Handler: TaskTypeHandler>(
        of handler: Handler, valid: [JSONValue], settings: String?, into findings: inout Findings
    ) {
        for value in valid {
            guard let first = try? handler.probePlan(taskInfo: value, settings: settings),
                  let second = try? handler.probePlan(taskInfo: value, settings: settings)
            else { return }  // Invalid settings are reported by checkSettings.
            guard let answer = first.document else {
                findings.add(.acceptsValidTaskInfo, "the ask with the valid taskinfo \(JSONFuzzCorpus.summary(of: value)) was invalid: \(first.problems.map(\.description))",
                    fix: "a taskinfo that readTaskInfo accepts must plan; see the problems")
                continue
            }
            if second.document != answer {
                let answers = "\(JSONFuzzCorpus.summary(of: answer)) and \(second.document.map(JSONFuzzCorpus.summary(of:)) ?? "none")"
                findings.add(.deterministicPlanning, "the ask with \(JSONFuzzCorpus.summary(of: value)) got two different answers at the same instant: \(answers)",
                    fix: "make policyReasons and serviceInfo pure functions of the task, the settings and the endpoint")
            }
            for offer in first.answer?.offers ?? [] where offer.serviceinfo.objectValue?["endpoint"] != .string(Handler.probeEndpoint) {
                findings.add(.serviceInfo, "an offer for \(JSONFuzzCorpus.summary(of: value)) has serviceinfo \(JSONFuzzCorpus.summary(of: offer.serviceinfo)) without the service's endpoint",
                    fix: "copy the `endpoint` argument of serviceInfo(for:endpoint:settings:) into an `endpoint` member")
            }
        }
    }
}
