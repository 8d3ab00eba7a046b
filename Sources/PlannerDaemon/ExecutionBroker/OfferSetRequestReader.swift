public import PlannerKernel

/// An ExecutionBroker request translated into a plannerd ask (API.md §9).
public struct OfferSetTranslation: Sendable {
    /// The draft generation the request follows (from its executable's kind, else its compute's).
    public var generation: ExecutionBrokerGeneration
    /// The member that names kinds in this request (`kind`, or `type` in the 2025 generation),
    /// as the executable wrote it.
    public var discriminator: String
    /// The executable's kind exactly as the client wrote it (the ask's task type).
    public var executableKind: String?
    /// The ask to plan.
    public var ask: JSONValue
    /// Where each part of the ask came from in the request.
    public var pointers: RequestPointerMap
    /// Notes about the translation (parts of the request plannerd does not plan).
    public var notes: [PlanWarning]
}

/// Reads an IVOA ExecutionBroker request document (`executable`, `compute`, `schedule`; the three
/// generations of ``ExecutionBrokerGeneration``) and translates it into a plannerd ask:
///
/// * `executable.kind` (or `type`) becomes `tasktype`, compared exactly as `POST /plan` does;
/// * a docker container's `image.locations[0]`, `image.digest`, `image.platform`, `command`,
///   `network.ports` and a notebook's `location` become the handler's `taskinfo` fields, and
///   the executable's other members are passed on unchanged for the handler to check;
/// * `compute.cores` and `compute.memory` (integer GiB) become the `resources` ranges, and
///   `schedule.requested.duration` the minimum duration, `schedule.requested.start` the start window;
/// * storage, data and volumes are not planned: each is noted with a warning.
///
/// Problems are reported at the request's own pointers, every one at once.
public struct OfferSetRequestReader: Sendable {
    /// How long offers are held (the configured `planning.maxhold`).
    public var hold: TaskDuration

    /// A reader whose asks hold their offers for `hold`.
    public init(hold: TaskDuration) { self.hold = hold }

    static let dockerContainer = "uri://docker-container"
    static let jupyterNotebook = "uri://jupyter-notebook"
    /// Members every component may carry and that planning does not use.
    static let componentKeys: Set<String> = ["kind", "type", "meta", "name", "description", "costs", "metrics", "phase", "schedule", "uuid"]
    static let topKeys: Set<String> = [
        "request", "executable", "compute", "computer", "schedule", "storage", "data", "volumes", "costs", "metrics", "name", "description", "meta",
        "kind",
    ]

    /// Translates `document`; `canonicalURI` names the handler a task type belongs to (`nil` when
    /// none does). Problems found go to `report` (`not-an-object` at the root for a non-object).
    public func read(_ document: JSONValue, canonicalURI: (String) -> String?, report: inout ValidationReport) -> OfferSetTranslation {
        var translation = OfferSetTranslation(
            generation: .calycopis2026, discriminator: "kind", executableKind: nil, ask: .null, pointers: RequestPointerMap(), notes: [])
        guard case .object = document else {
            report.problem(.root, .notAnObject, "the request must be a JSON or YAML object, found \(document.typeDescription)")
            return translation
        }
        guard let fields = FieldReader(document, at: .root, allowedKeys: Self.topKeys, report: &report) else { return translation }
        if fields.has("request") {
            report.problem(fields.pointer("request"), .unknownField,
                "a `request` wrapper is the 2023 spec text's document, which plannerd does not read; it reads the 2025, 2025-11 and 2026-06 generations",
                hint: "send executable, compute and schedule at the top level, without `request:`")
        }
        var ask = JSONObject()
        // The ask's own members come from the executable even when it is missing or has no kind,
        // so that the ask's problems about them land where the client must look.
        translation.pointers.map(JSONPointer(tokens: ["tasktype"]), to: JSONPointer(tokens: ["executable", "kind"]))
        translation.pointers.map(JSONPointer(tokens: ["taskinfo"]), to: JSONPointer(tokens: ["executable"]))
        translation.pointers.map(JSONPointer(tokens: ["hold"]), to: .root)
        ask["hold"] = .string(hold.canonical)
        var resources = JSONObject()
        var schedule = JSONObject()

        if let executable = fields.object("executable", required: true, report: &report) {
            readExecutable(executable, of: document, canonicalURI: canonicalURI, into: &ask, translation: &translation, report: &report)
        }
        readCompute(fields, into: &resources, translation: &translation, report: &report)
        readSchedule(fields, resources: &resources, schedule: &schedule, translation: &translation, report: &report)
        for key in ["storage", "data", "volumes"] where fields.has(key) {
            translation.notes.append(PlanWarning(path: fields.pointer(key), code: .notPlanned,
                message: "plannerd plans the executable and its compute resources; the request's \(key) is not planned or checked"))
        }
        if !resources.isEmpty { ask["resources"] = .object(resources) }
        if !schedule.isEmpty { ask["schedule"] = .object(schedule) }
        translation.ask = .object(ask)
        return translation
    }

    /// The executable: its kind (the task type and the generation) and its `taskinfo`.
    func readExecutable(
        _ executable: JSONObject, of document: JSONValue, canonicalURI: (String) -> String?, into ask: inout JSONObject,
        translation: inout OfferSetTranslation, report: inout ValidationReport
    ) {
        let path = JSONPointer(tokens: ["executable"])
        guard let kind = discriminator(of: executable, at: path, what: "the executable", expected: nil, report: &report) else { return }
        translation.generation = ExecutionBrokerGeneration.owning(kind.value)
            ?? Self.computeGeneration(document) ?? (kind.member == "type" ? .draft2025 : .calycopis2026)
        translation.discriminator = kind.member
        translation.executableKind = kind.value
        ask["tasktype"] = .string(kind.value)
        translation.pointers.map(JSONPointer(tokens: ["tasktype"]), to: path.appending(kind.member))

        let handler = canonicalURI(kind.value)
        // The draft defines the docker and notebook executables' members; other handlers' members
        // are passed on for the handler to check.
        let draftKeys: Set<String>? = switch handler {
        case Self.dockerContainer?: DockerExecutableTranslation.keys
        case Self.jupyterNotebook?: ["location"]
        default: nil
        }
        if let draftKeys {
            _ = FieldReader(.object(executable), at: path, allowedKeys: Self.componentKeys.union(draftKeys), report: &report)
        }
        var taskinfo = JSONObject()
        for member in executable.members where !Self.componentKeys.contains(member.key) && draftKeys?.contains(member.key) != false {
            taskinfo[member.key] = member.value
        }
        switch handler {
        case Self.dockerContainer?:
            DockerExecutableTranslation.translate(executable, at: path, taskinfo: &taskinfo, translation: &translation, report: &report)
        case Self.jupyterNotebook?:
            taskinfo["location"] = nil
            if let location = executable["location"], !location.isNull {
                taskinfo["notebook"] = location
                translation.pointers.map(JSONPointer(tokens: ["taskinfo", "notebook"]), to: path.appending("location"))
            } else {
                report.problem(path.appending("location"), .missingField, "a jupyter-notebook executable needs its notebook's URL in location")
            }
        default:
            break
        }
        ask["taskinfo"] = .object(taskinfo)
    }

    /// The generation named by the compute resource's kind, when the executable's does not name one.
    static func computeGeneration(_ document: JSONValue) -> ExecutionBrokerGeneration? {
        let compute = document.objectValue?["compute"] ?? document.objectValue?["computer"]
        let kind = compute?.objectValue?["kind"]?.stringValue ?? compute?.objectValue?["type"]?.stringValue
        return kind.flatMap(ExecutionBrokerGeneration.owning)
    }

    /// The kind of a component from its `kind` (or, in the 2025 generation, `type`) member.
    /// `expected` is the generation (and member) whose kind a missing discriminator should have named.
    func discriminator(
        of component: JSONObject, at path: JSONPointer, what: String,
        expected: (generation: ExecutionBrokerGeneration, member: String)?, report: inout ValidationReport
    ) -> (member: String, value: String)? {
        let given = ["kind", "type"].filter { component[$0].map { !$0.isNull } ?? false }
        guard let member = given.first else {
            if let expected {
                report.problem(path.appending(expected.member), .missingField,
                    "\(what) has no kind; \(expected.generation.summary) expects \(expected.member): \(expected.generation.computeKind)",
                    hint: "write \(expected.member): \(expected.generation.computeKind)")
            } else {
                report.problem(path.appending("kind"), .missingField,
                    "\(what) has no kind: name it in `kind` (the 2025-11 and 2026-06 generations of the draft) or `type` (the 2025 generation)")
            }
            return nil
        }
        guard given.count == 1 else {
            report.problem(path.appending("type"), .conflictingFields, "\(what) has both `kind` and `type`; the draft's generations use one of them",
                hint: "keep `kind` (2025-11 on) or `type` (2025)")
            return nil
        }
        guard let value = FieldReader.string(component[member] ?? .null, at: path.appending(member), maxLength: 2048, report: &report) else { return nil }
        return (member, value)
    }

    /// `compute` (or the 2025 generation's `computer`): cores and memory ranges.
    func readCompute(_ fields: FieldReader, into resources: inout JSONObject, translation: inout OfferSetTranslation, report: inout ValidationReport) {
        if fields.has("compute") && fields.has("computer") {
            report.problem(fields.pointer("computer"), .conflictingFields, "the request has both compute and computer; give one compute resource",
                hint: "`computer` is the 2025 generation's name, `compute` the later one")
            return
        }
        let key = fields.has("computer") ? "computer" : "compute"
        guard let compute = fields.object(key, report: &report) else { return }
        let path = fields.pointer(key)
        let keys = Self.componentKeys.union(["cores", "memory", "volumes"])
        guard let members = FieldReader(.object(compute), at: path, allowedKeys: keys, report: &report) else { return }
        if let kind = discriminator(
            of: compute, at: path, what: "the compute resource", expected: (translation.generation, translation.discriminator), report: &report),
            !ExecutionBrokerGeneration.computeKinds.contains(kind.value)
        {
            let generation = translation.generation
            report.problem(path.appending(kind.member), .unknownKind,
                "the compute kind \"\(kind.value.prefix(200))\" is not a simple compute resource of any draft generation; "
                    + "\(generation.summary) expects \(generation.computeKind)",
                hint: "write \(kind.member): \(generation.computeKind)")
        }
        if let cores = members.object("cores", report: &report),
            let range = FieldReader(.object(cores), at: path.appending("cores"), allowedKeys: ["min", "max"], report: &report)
        {
            for bound in ["min", "max"] {
                guard let value = range.value(bound, report: &report) else { continue }
                resources[bound + "cores"] = value
                translation.pointers.map(JSONPointer(tokens: ["resources", bound + "cores"]), to: range.pointer(bound))
            }
        }
        if let memory = members.object("memory", report: &report),
            let range = FieldReader(.object(memory), at: path.appending("memory"), allowedKeys: ["min", "max"], report: &report)
        {
            for bound in ["min", "max"] {
                guard let value = range.value(bound, report: &report) else { continue }
                guard case .integer = value else {
                    report.problem(range.pointer(bound), .wrongType,
                        "memory in the ExecutionBroker draft is a whole number of GiB, found \(value.typeDescription)",
                        hint: "write the number of GiB as an integer, e.g. \(bound): 8")
                    continue
                }
                guard let gibibytes = FieldReader.integer(value, at: range.pointer(bound), in: 0...(Int64.max >> 30), report: &report) else { continue }
                resources[bound + "memory"] = .string("\(gibibytes)Gi")
                translation.pointers.map(JSONPointer(tokens: ["resources", bound + "memory"]), to: range.pointer(bound))
            }
        }
        if members.has("volumes") {
            translation.notes.append(PlanWarning(path: members.pointer("volumes"), code: .notPlanned,
                message: "plannerd plans cores, memory and time; the compute resource's volumes are not planned or checked"))
        }
    }

    /// `schedule.requested`: the run's duration (the minimum asked) and one start window.
    func readSchedule(
        _ fields: FieldReader, resources: inout JSONObject, schedule: inout JSONObject,
        translation: inout OfferSetTranslation, report: inout ValidationReport
    ) {
        guard let object = fields.object("schedule", report: &report),
            let members = FieldReader(.object(object), at: fields.pointer("schedule"), allowedKeys: ["requested"], report: &report),
            let requested = members.object("requested", report: &report),
            let window = FieldReader(.object(requested), at: members.pointer("requested"), allowedKeys: ["duration", "start"], report: &report)
        else { return }
        if let duration = window.value("duration", report: &report) {
            resources["minduration"] = duration
            translation.pointers.map(JSONPointer(tokens: ["resources", "minduration"]), to: window.pointer("duration"))
        }
        if let start = window.value("start", report: &report) {
            schedule["start"] = .array([start])
            translation.pointers.map(JSONPointer(tokens: ["schedule", "start"]), to: window.pointer("start"))
            translation.pointers.map(JSONPointer(tokens: ["schedule", "start", "0"]), to: window.pointer("start"))
        }
    }
}
