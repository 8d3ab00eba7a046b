import PlannerKernel

/// A minimal handler used by the kernel's tests, so they pass with any set of compiled-in handlers.
/// `taskinfo` is `{"image": String, "size"?: Int}`; settings `{"denied": [String]}` refuse images.
struct ImageTaskType: TaskTypeHandler {
    struct Task: Sendable { var image: String }
    struct Settings: Sendable { var denied: [String] }
    struct ServiceInfo: Encodable, Sendable { var endpoint: String; var image: String }

    var name = "Image"
    var canonicalURI = "uri://image"
    var aliases = ["uri:image-1.0"]
    var documentation: TaskTypeDocumentation {
        TaskTypeDocumentation(summary: "An image to run.", fields: [.init("image", required: true, "the image")])
    }

    func readTaskInfo(_ json: JSONValue, at path: JSONPointer, report: inout ValidationReport) -> Task? {
        let before = report.problems.count
        guard let fields = FieldReader(json, at: path, allowedKeys: ["image", "size"], report: &report) else { return nil }
        let image = fields.string("image", required: true, maxLength: 100, report: &report)
        _ = fields.integer("size", in: 1...10, report: &report)
        guard let image, report.problems.count == before else { return nil }
        if !image.contains(":") { report.warning(fields.pointer("image"), "mutable-tag", "no tag given") }
        return Task(image: image)
    }

    func readSettings(_ json: JSONValue?, at path: JSONPointer, report: inout ValidationReport) -> Settings? {
        guard let json else { return Settings(denied: []) }
        let before = report.problems.count
        guard let fields = FieldReader(json, at: path, allowedKeys: ["denied"], report: &report) else { return nil }
        let denied = fields.stringList("denied", report: &report) ?? []
        return report.problems.count == before ? Settings(denied: denied) : nil
    }

    func policyReasons(for task: Task, settings: Settings, taskInfoPath: JSONPointer) -> [Reason] {
        settings.denied.contains(task.image)
            ? [.policy(taskInfoPath.appending("image"), "the image \(task.image) is not allowed here")] : []
    }

    func serviceInfo(for task: Task, endpoint: String, settings: Settings) -> ServiceInfo {
        ServiceInfo(endpoint: endpoint, image: task.image)
    }
}

/// A second handler, for registry tests.
struct NoteTaskType: TaskTypeHandler {
    var name = "Note"
    var canonicalURI = "uri://note"
    var aliases: [String] = []
    var documentation: TaskTypeDocumentation {
        TaskTypeDocumentation(summary: "A note.", fields: [.init("text", required: true, "the text")])
    }

    func readTaskInfo(_ json: JSONValue, at path: JSONPointer, report: inout ValidationReport) -> String? {
        let before = report.problems.count
        guard let fields = FieldReader(json, at: path, allowedKeys: ["text"], report: &report) else { return nil }
        let text = fields.string("text", required: true, report: &report)
        return report.problems.count == before ? text : nil
    }

    func readSettings(_ json: JSONValue?, at path: JSONPointer, report: inout ValidationReport) -> Bool? {
        guard let json else { return true }
        let before = report.problems.count
        _ = FieldReader(json, at: path, allowedKeys: [], report: &report)
        return report.problems.count == before ? true : nil
    }

    func serviceInfo(for task: String, endpoint: String, settings: Bool) -> [String: String] {
        ["endpoint": endpoint]
    }
}

enum Fixtures {
    static let registry: TaskTypeRegistry = {
        do { return try TaskTypeRegistry([ImageTaskType(), NoteTaskType()]) } catch { fatalError("\(error)") }
    }()

    static func bind(_ uri: String, settings: JSONValue? = nil) -> BoundTaskType {
        var report = ValidationReport()
        guard let handler = registry.handler(for: uri),
            let bound = handler.bind(settings: settings, at: .root, report: &report)
        else { fatalError("cannot bind \(uri): \(report.problems)") }
        return bound
    }

    /// The seed talk's services, served by the fake image handler.
    static func seedPlanner(deniedOnSmall: [String] = []) -> OfferPlanner {
        let small = PlanningService(
            name: "docker-uws", servicetype: "uri://docker-uws", endpoint: "http://example.org/uws",
            taskTypes: [bind("uri://image", settings: .object(JSONObject([.init(key: "denied", value: .array(deniedOnSmall.map { .string($0) }))])))],
            limits: ServiceLimits(maxcores: 10, maxmemory: try? MemoryQuantity(parsing: "10G"), maxduration: TaskDuration(minutes: 20)))
        let large = PlanningService(
            name: "kws", servicetype: "uri://kubernetes-helm", endpoint: "http://example.org/kws",
            taskTypes: [bind("uri://image")],
            limits: ServiceLimits(maxcores: 240, maxmemory: try? MemoryQuantity(parsing: "400G"), maxduration: TaskDuration(hours: 9, minutes: 30)))
        return OfferPlanner(registry: registry, services: [small, large])
    }
}
