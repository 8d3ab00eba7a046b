import PlannerKernel
import PlannerKernelTesting
import Testing

/// A handler with one deliberate fault, to show that ``HandlerConformance`` catches each kind and
/// says what to fix. `taskinfo` is `{"image": String, "size"?: 1…10, "label"?: String}`.
struct BrokenTaskType: TaskTypeHandler {
    enum Fault: String, Sendable, CaseIterable {
        case pathsFromTheRoot, stopsAtTheFirstProblem, refusesSilently, readsRandomly, ignoresUnknownFields
        case malformedURI, serviceInfoWithoutEndpoint, documentDisagrees, plansRandomly, acceptsUnknownSettings, returnsTaskDespiteProblems
    }

    struct Task: Sendable { var image: String }
    struct Settings: Sendable {}
    /// The service info, with both an `Encodable` form and a `jsonDocument` (which differs when `disagree`).
    struct Info: Encodable, Sendable, JSONDocumentConvertible {
        var endpoint: String?
        var url: String?
        var nonce: Int?
        var disagree = false

        enum CodingKeys: String, CodingKey { case endpoint, url, nonce }

        var jsonDocument: JSONValue {
            var members: [JSONObject.Member] = []
            if let endpoint { members.append(.init(key: "endpoint", value: .string(disagree ? endpoint + "/other" : endpoint))) }
            if let url { members.append(.init(key: "url", value: .string(url))) }
            if let nonce { members.append(.init(key: "nonce", value: .integer(Int64(nonce)))) }
            return .object(JSONObject(members))
        }
    }

    /// The fault, or `nil` for a handler that keeps every promise.
    var fault: Fault?

    var name: String { "Broken" }
    var canonicalURI: String { fault == .malformedURI ? "broken task" : "uri://broken" }
    var documentation: TaskTypeDocumentation {
        TaskTypeDocumentation(summary: "A test handler.", fields: [
            .init("image", required: true, "the image"), .init("size", "1 to 10"), .init("label", "a label"),
        ])
    }

    func readTaskInfo(_ json: JSONValue, at path: JSONPointer, report: inout ValidationReport) -> Task? {
        let base = fault == .pathsFromTheRoot ? JSONPointer.root : path
        let allowed: Set<String> = ["image", "size", "label"]
        guard case .object(let object) = json else {
            report.problem(base, .wrongType, "expected an object")
            return nil
        }
        let before = report.problems.count
        if fault != .ignoresUnknownFields {
            for key in object.keys where !allowed.contains(key) { report.problem(base.appending(key), .unknownField, "unknown field \(key)") }
        }
        var image: String?
        switch object["image"] {
        case .string(let text) where !text.isEmpty && text.utf8.count <= 100: image = text
        case .none: report.problem(base.appending("image"), .missingField, "image is required")
        default: report.problem(base.appending("image"), .wrongType, "expected a short non-empty string")
        }
        if fault == .stopsAtTheFirstProblem && report.problems.count > before { return nil }
        switch object["size"] {
        case .none, .integer(1...10)?: break
        default: report.problem(base.appending("size"), .outOfRange, "expected an integer from 1 to 10")
        }
        switch object["label"] {
        case .none, .string?: break
        default: report.problem(base.appending("label"), .wrongType, "expected a string")
        }
        if fault == .readsRandomly && Bool.random() { report.warning(base.appending("image"), "random", "a random warning") }
        guard let image, report.problems.count == before || fault == .returnsTaskDespiteProblems else { return nil }
        if fault == .refusesSilently && image.contains("@") { return nil }
        return Task(image: image)
    }

    func readSettings(_ json: JSONValue?, at path: JSONPointer, report: inout ValidationReport) -> Settings? {
        guard let json, fault != .acceptsUnknownSettings else { return Settings() }
        return FieldReader(json, at: path, allowedKeys: [], report: &report).map { _ in Settings() }
    }

    func serviceInfo(for task: Task, endpoint: String, settings: Settings) -> Info {
        switch fault {
        case .serviceInfoWithoutEndpoint: Info(url: endpoint)
        case .documentDisagrees: Info(endpoint: endpoint, disagree: true)
        case .plansRandomly: Info(endpoint: endpoint, nonce: Int.random(in: 0..<1_000_000))
        default: Info(endpoint: endpoint)
        }
    }
}

@Suite("The conformance checks catch broken handlers")
struct BrokenHandlerConformanceTests {
    static let valid: [JSONValue] = [["image": "a:1"], ["image": "b", "size": 3, "label": "x"]]

    @Test("a handler without faults passes")
    func correctHandlerPasses() {
        let violations = HandlerConformance.violations(of: BrokenTaskType(fault: nil), validTaskInfo: Self.valid, invalidTaskInfo: [["size": 3]])
        #expect(violations.isEmpty, "\(violations.map(\.description).joined(separator: "\n"))")
    }

    /// Each fault, the rule that must catch it and words its fix must contain.
    static let cases: [(BrokenTaskType.Fault, ConformanceViolation.Rule, String)] = [
        (.pathsFromTheRoot, .pathsInsideTaskInfo, "`at` pointer"),
        (.stopsAtTheFirstProblem, .everyProblem, "report each problem"),
        (.refusesSilently, .taskExactlyWhenValid, "report a problem"),
        (.readsRandomly, .deterministicReading, "do not depend on time, randomness"),
        (.ignoresUnknownFields, .unknownFields, "FieldReader(allowedKeys:)"),
        (.malformedURI, .uris, "absolute URI"),
        (.serviceInfoWithoutEndpoint, .serviceInfo, "`endpoint` argument"),
        (.documentDisagrees, .serviceInfo, "encode jsonDocument"),
        (.plansRandomly, .deterministicPlanning, "pure functions"),
        (.acceptsUnknownSettings, .settings, "allowedKeys"),
        (.returnsTaskDespiteProblems, .taskExactlyWhenValid, "return nil when it grew"),
    ]

    @Test("each fault is caught by its rule, with a fix", arguments: cases.indices)
    func faultIsCaught(index: Int) {
        let (fault, rule, fix) = Self.cases[index]
        let violations = HandlerConformance.violations(of: BrokenTaskType(fault: fault), validTaskInfo: Self.valid)
        let caught = violations.filter { $0.rule == rule }
        #expect(!caught.isEmpty, "\(fault) was not caught by \(rule); found \(violations.map(\.description))")
        #expect(caught.contains { $0.fix.contains(fix) && $0.description.contains("fix:") }, "\(caught.map(\.description))")
    }

    @Test("errors that point outside /taskinfo name the input and the offending paths")
    func outsidePathsAreNamed() throws {
        let violations = HandlerConformance.violations(of: BrokenTaskType(fault: .pathsFromTheRoot), validTaskInfo: Self.valid)
        let first = try #require(violations.first { $0.rule == .pathsInsideTaskInfo })
        #expect(first.what.contains("read at /taskinfo and at /asks/0/taskinfo, problems or warnings point outside it"))
        #expect(first.what.contains("(the document root)"))
    }

    @Test("at most five violations of a rule are listed, then a count")
    func violationsAreCapped() {
        let violations = HandlerConformance.violations(of: BrokenTaskType(fault: .pathsFromTheRoot), validTaskInfo: Self.valid)
        let paths = violations.filter { $0.rule == .pathsInsideTaskInfo }
        #expect(paths.count == HandlerConformance.shownPerRule + 1)
        #expect(paths.last?.what.hasSuffix("more violations of this rule") == true)
    }

    @Test("the one-line plan helper answers YES with the probe endpoint, and lists problems of invalid asks")
    func planHelper() throws {
        let handler = BrokenTaskType(fault: nil)
        let yes = try handler.probePlan(taskInfo: ["image": "a:1"], resources: ["mincores": 2])
        #expect(yes.responseword == "YES")
        #expect(yes.serviceInfo?.objectValue?["endpoint"] == .string(BrokenTaskType.probeEndpoint))
        #expect(yes.answer?.offers.first?.resources.mincores == 2)
        let invalid = try handler.probePlan(taskInfo: ["image": 1, "size": 0])
        #expect(invalid.answer == nil)
        #expect(invalid.problems.map(\.path.description).sorted() == ["/taskinfo/image", "/taskinfo/size"])
        #expect(throws: PlanProbeError.self) { try handler.probePlan(taskInfo: ["image": "a:1"], settings: #"{"x": 1}"#) }
    }
}
