/// A client's question (API.md §2): "can I run this task here, with what resources?"
public struct Ask: Sendable, Hashable {
    /// The task type exactly as the client wrote it.
    public var tasktype: String
    /// The type-specific description, validated by the task type's handler.
    public var taskinfo: JSONValue
    /// The asked resources; every bound optional.
    public var resources: ResourceAsk
    /// Windows in which the task may start; empty means "from now, within the look-ahead".
    public var startWindows: [StartWindow]
    /// How long to hold the offers, when the client wants them held.
    public var hold: TaskDuration?

    /// The top-level keys an ask may have.
    public static let keys: Set<String> = ["tasktype", "taskinfo", "resources", "schedule", "hold"]
    /// The most start windows one ask may give.
    public static let maximumWindows = 64

    /// An ask.
    public init(
        tasktype: String, taskinfo: JSONValue, resources: ResourceAsk = ResourceAsk(),
        startWindows: [StartWindow] = [], hold: TaskDuration? = nil
    ) {
        self.tasktype = tasktype
        self.taskinfo = taskinfo
        self.resources = resources
        self.startWindows = startWindows
        self.hold = hold
    }

    /// Reads an ask document, checking everything but the contents of `taskinfo` (its handler's job).
    /// Returns `nil` when any problem was reported. A document that is not an object gets the
    /// `not-an-object` code (a `400`); every other problem is a `422`.
    public static func read(_ document: JSONValue, report: inout ValidationReport) -> Ask? {
        guard case .object = document else {
            report.problem(.root, .notAnObject, "the ask must be a JSON object, found \(document.typeDescription)")
            return nil
        }
        let before = report.problems.count
        guard let fields = FieldReader(document, at: .root, allowedKeys: keys, report: &report) else { return nil }
        var tasktype: String?
        if let value = fields.value("tasktype", required: true, report: &report) {
            if case .string(let text) = value {
                if let problem = TaskTypeURI.problem(in: text) {
                    report.problems.append(problem.problem(at: fields.pointer("tasktype")))
                } else {
                    tasktype = text
                }
            } else {
                report.problem(fields.pointer("tasktype"), .wrongType, "tasktype must be a URI string, found \(value.typeDescription)")
            }
        }
        let taskinfo = fields.value("taskinfo", required: true, report: &report)
        if let taskinfo, taskinfo.objectValue == nil {
            report.problem(fields.pointer("taskinfo"), .wrongType, "taskinfo must be an object, found \(taskinfo.typeDescription)")
        }
        var resources = ResourceAsk()
        if let value = fields.value("resources", report: &report) {
            resources = ResourceAsk.read(value, at: fields.pointer("resources"), report: &report)
        }
        var windows: [StartWindow] = []
        if let value = fields.value("schedule", report: &report) {
            windows = readSchedule(value, at: fields.pointer("schedule"), report: &report)
        }
        var hold: TaskDuration?
        if let value = fields.value("hold", report: &report) {
            hold = readHold(value, at: fields.pointer("hold"), report: &report)
        }
        guard report.problems.count == before, let tasktype, let taskinfo else { return nil }
        return Ask(tasktype: tasktype, taskinfo: taskinfo, resources: resources, startWindows: windows, hold: hold)
    }

    static func readSchedule(_ value: JSONValue, at path: JSONPointer, report: inout ValidationReport) -> [StartWindow] {
        guard let fields = FieldReader(value, at: path, allowedKeys: ["start"], report: &report),
            let items = fields.array("start", maxCount: maximumWindows, report: &report)
        else { return [] }
        if items.isEmpty {
            report.problem(fields.pointer("start"), .invalidFormat, "start must list at least one interval, or be left out")
        }
        var windows: [StartWindow] = []
        for (offset, item) in items.enumerated() {
            let itemPath = fields.pointer("start").appending(index: offset)
            guard let text = FieldReader.string(item, at: itemPath, maxLength: 100, report: &report) else { continue }
            do { windows.append(try StartWindow(parsing: text)) } catch { report.problems.append(error.problem(at: itemPath)) }
        }
        return windows.sorted { $0.start < $1.start }
    }

    static func readHold(_ value: JSONValue, at path: JSONPointer, report: inout ValidationReport) -> TaskDuration? {
        guard let text = FieldReader.string(value, at: path, maxLength: 64, report: &report) else { return nil }
        do {
            let hold = try TaskDuration(parsing: text)
            guard hold.seconds > 0 else {
                report.problem(path, .outOfRange, "hold must be longer than zero")
                return nil
            }
            return hold
        } catch {
            report.problems.append(error.problem(at: path))
            return nil
        }
    }
}
