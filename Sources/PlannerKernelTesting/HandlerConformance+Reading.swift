import PlannerKernel

extension HandlerConformance {
    /// One reading of a `taskinfo` document, without the probe's clean-up (so a task returned
    /// despite problems shows).
    struct Reading<Handler: TaskTypeHandler> {
        var accepted: Bool
        var report: ValidationReport

        init(_ handler: Handler, _ value: JSONValue, at base: JSONPointer = taskInfoPath) {
            var report = ValidationReport()
            accepted = handler.readTaskInfo(value, at: base, report: &report) != nil
            self.report = report
        }
    }

    /// A second place to read `taskinfo` at, so that paths built from the root rather than from
    /// the given pointer show even when they happen to begin with `/taskinfo`.
    static let nestedTaskInfoPath = JSONPointer(tokens: ["asks", "0", "taskinfo"])

    /// Valid and invalid examples, the corpus, and mutations of the valid examples.
    static func checkReading<Handler: TaskTypeHandler>(
        of handler: Handler, valid: [JSONValue], invalid: [JSONValue], into findings: inout Findings
    ) {
        for value in valid {
            let reading = checkOneReading(of: handler, value, named: "the valid taskinfo \(JSONFuzzCorpus.summary(of: value))", into: &findings)
            if !reading.accepted || !reading.report.problems.isEmpty {
                findings.add(.acceptsValidTaskInfo, "refused the valid taskinfo \(JSONFuzzCorpus.summary(of: value)): \(reading.report.problems.map(\.description))",
                    fix: "accept it, or pass a taskinfo your handler does accept as validTaskInfo")
            }
        }
        for value in invalid {
            let reading = checkOneReading(of: handler, value, named: "the invalid taskinfo \(JSONFuzzCorpus.summary(of: value))", into: &findings)
            if reading.accepted {
                findings.add(.refusesInvalidTaskInfo, "accepted the invalid taskinfo \(JSONFuzzCorpus.summary(of: value))",
                    fix: "report a problem (with a path inside /taskinfo) for what makes it invalid")
            }
        }
        for value in JSONFuzzCorpus.values {
            let reading = checkOneReading(of: handler, value, named: "the taskinfo \(JSONFuzzCorpus.summary(of: value))", into: &findings)
            guard value.objectValue == nil else { continue }
            if reading.accepted || reading.report.problems.isEmpty {
                findings.add(.refusesInvalidTaskInfo, "accepted \(value.typeDescription) \(JSONFuzzCorpus.summary(of: value)) as taskinfo",
                    fix: "refuse any taskinfo that is not an object, with a problem at the path you were given")
            }
            let paths = reading.report.problems.map(\.path)
            if !paths.allSatisfy({ $0 == taskInfoPath }) {
                findings.add(.pathsInsideTaskInfo, "a non-object taskinfo (\(value.typeDescription)) was reported at \(paths.map(\.description)), not at /taskinfo",
                    fix: "report the wrong type at the `at` pointer itself, for example with FieldReader")
            }
        }
        let unknown = Reading(handler, .object(JSONObject([.init(key: "no-such-field-xyz", value: .integer(1))])))
        if !unknown.report.problems.contains(where: { $0.path.description == "/taskinfo/no-such-field-xyz" && $0.code == .unknownField }) {
            findings.add(.unknownFields, "the unknown taskinfo key no-such-field-xyz was not reported as unknown-field at /taskinfo/no-such-field-xyz",
                fix: "read taskinfo with FieldReader(allowedKeys:), which reports every unknown key at its own path")
        }
        for value in valid {
            for mutation in JSONFuzzCorpus.mutations(of: value) {
                checkOneReading(of: handler, mutation.value, named: "the valid taskinfo with \(mutation.description)", into: &findings)
            }
        }
    }

    /// The checks every reading must pass: paths (read at two places), a task exactly when valid,
    /// messages, determinism.
    @discardableResult
    static func checkOneReading<Handler: TaskTypeHandler>(
        of handler: Handler, _ value: JSONValue, named name: String, into findings: inout Findings
    ) -> Reading<Handler> {
        let reading = Reading(handler, value)
        let nested = Reading(handler, value, at: nestedTaskInfoPath)
        let outside = paths(of: reading.report).filter { !path($0, isInside: taskInfoPath) }
            + paths(of: nested.report).filter { !path($0, isInside: nestedTaskInfoPath) }
        if !outside.isEmpty {
            findings.add(.pathsInsideTaskInfo,
                "for \(name), read at /taskinfo and at \(nestedTaskInfoPath), problems or warnings point outside it: \(outside.map(rendered))",
                fix: "build every path from the `at` pointer readTaskInfo receives (at.appending(\"field\")), never from the root")
        }
        if reading.accepted && !reading.report.problems.isEmpty {
            findings.add(.taskExactlyWhenValid, "for \(name), a task was returned together with problems \(reading.report.problems.map(\.description))",
                fix: "note report.problems.count before reading (before FieldReader too) and return nil when it grew")
        }
        if !reading.accepted && reading.report.problems.isEmpty {
            findings.add(.taskExactlyWhenValid, "for \(name), no task was returned but no problem was reported",
                fix: "report a problem (path, code, message) for every reason you return nil")
        }
        if reading.report.problems.contains(where: { $0.message.isEmpty }) {
            findings.add(.messages, "for \(name), a problem has an empty message", fix: "say in the message what is wrong and, in the hint, what to write instead")
        }
        let again = Reading(handler, value)
        if again.accepted != reading.accepted || again.report != reading.report {
            findings.add(.deterministicReading, "\(name) was read differently twice: \(reading.report.problems.map(\.description)) then \(again.report.problems.map(\.description))",
                fix: "do not depend on time, randomness, the environment or dictionary order while reading taskinfo")
        }
        return reading
    }

    /// Two members broken at once must give problems at both: a handler must not stop at the first.
    ///
    /// Known limit: a field that can only be checked against another one (a version that needs its
    /// chart) may rightly go unchecked when that other field is broken; pass examples whose members
    /// stand alone, or accept the violation after reading it.
    static func checkEveryProblemReported<Handler: TaskTypeHandler>(
        by handler: Handler, valid: [JSONValue], into findings: inout Findings
    ) {
        for value in valid {
            guard case .object(let object) = value, Reading(handler, value).accepted else { continue }
            // For each member, a replacement that alone is refused with a problem at or under it.
            var breakers: [(key: String, replacement: JSONValue)] = []
            for member in object.members.prefix(12) {
                let memberPath = taskInfoPath.appending(member.key)
                let candidates = [
                    JSONValue.array([.array([])]), .object(JSONObject([.init(key: JSONFuzzCorpus.unknownKey, value: .null)])),
                    .bool(true), .real(-0.5), .string("\u{0}"),
                ]
                for candidate in candidates where candidate != member.value {
                    var broken = object
                    broken[member.key] = candidate
                    let reading = Reading(handler, .object(broken))
                    if !reading.accepted, reading.report.problems.contains(where: { path($0.path, isInside: memberPath) }) {
                        breakers.append((member.key, candidate))
                        break
                    }
                }
            }
            // An unknown member is always a problem at its own path, so even a one-member example gets pairs.
            let unknownKey = JSONFuzzCorpus.unknownKey
            let partners = breakers + (object[unknownKey] == nil ? [(key: unknownKey, replacement: JSONValue.integer(1))] : [])
            for (first, second) in pairs(of: partners) {
                var broken = object
                broken[first.key] = first.replacement
                broken[second.key] = second.replacement
                let problems = Reading(handler, .object(broken)).report.problems
                let missing = [first.key, second.key].filter { key in !problems.contains { path($0.path, isInside: taskInfoPath.appending(key)) } }
                if !missing.isEmpty {
                    let change = "/taskinfo/\(first.key) = \(JSONFuzzCorpus.summary(of: first.replacement)) and "
                        + "/taskinfo/\(second.key) = \(JSONFuzzCorpus.summary(of: second.replacement))"
                    findings.add(.everyProblem,
                        "with both \(change), nothing was reported under \(missing.map { "/taskinfo/\($0)" }); reported: \(problems.map(\.description))",
                        fix: "keep reading after a problem: check every field and report each problem, rather than returning at the first")
                }
            }
        }
    }

    /// A pointer for messages: the empty pointer is written out, as it would otherwise be invisible.
    static func rendered(_ pointer: JSONPointer) -> String {
        pointer.tokens.isEmpty ? "(the document root)" : pointer.description
    }

    /// The paths of every problem and warning in `report`.
    static func paths(of report: ValidationReport) -> [JSONPointer] {
        report.problems.map(\.path) + report.warnings.map(\.path)
    }

    /// Every unordered pair of `items`, in order.
    static func pairs<Item>(of items: [Item]) -> [(Item, Item)] {
        var result: [(Item, Item)] = []
        for (offset, first) in items.enumerated() {
            for second in items.dropFirst(offset + 1) { result.append((first, second)) }
        }
        return result
    }
}
