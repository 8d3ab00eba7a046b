import PlannerKernel

extension HandlerConformance {
    /// Defaults without a block, unknown keys refused, every problem inside the block, and the
    /// corpus survived. Returns the settings to use for the later checks (`given`, or the defaults).
    static func checkSettings<Handler: TaskTypeHandler>(
        of handler: Handler, given: String?, into findings: inout Findings
    ) -> Handler.Settings? {
        let defaults = handler.probeSettings(nil)
        if defaults.settings == nil {
            findings.add(.settings, "a service without a settings block got no settings: \(defaults.report.problems.map(\.description))",
                fix: "return default settings from readSettings when the block is nil")
        }
        let unknown = handler.probeSettings(#"{"no-such-setting-xyz": 1}"#)
        if unknown.settings != nil || unknown.report.problems.isEmpty {
            findings.add(.settings, "the unknown settings key no-such-setting-xyz was accepted",
                fix: "read settings with FieldReader(allowedKeys:), so an operator's typo stops the daemon with its path")
        }
        for value in JSONFuzzCorpus.values {
            var report = ValidationReport()
            let settings = handler.readSettings(value, at: settingsPath, report: &report)
            let outside = report.problems.map(\.path).filter { !path($0, isInside: settingsPath) }
            if !outside.isEmpty {
                findings.add(.settings, "for the settings \(JSONFuzzCorpus.summary(of: value)), problems point outside /services/0/settings: \(outside.map(\.description))",
                    fix: "build every settings path from the `at` pointer readSettings receives")
            }
            if settings == nil && report.problems.isEmpty {
                findings.add(.settings, "the settings \(JSONFuzzCorpus.summary(of: value)) were refused without a problem",
                    fix: "report a problem (path, code, message) for every reason readSettings returns nil")
            }
        }
        guard let given else { return defaults.settings }
        let read = handler.probeSettings(given)
        if read.settings == nil {
            findings.add(.settings, "the settings given to the check were refused: \(read.report.problems.map(\.description))",
                fix: "pass settings your handler accepts")
        }
        return read.settings
    }
}
