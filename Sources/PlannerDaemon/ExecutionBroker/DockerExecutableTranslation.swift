import PlannerKernel

/// The docker-container executable of the ExecutionBroker draft (`reference/ivoa-execution-broker.md`
/// §2.2) in the docker-container handler's `taskinfo` terms.
enum DockerExecutableTranslation {
    /// The docker-container executable's members in the draft, besides those of every component.
    static let keys: Set<String> = ["image", "privileged", "command", "entrypoint", "environment", "network"]

    /// Rewrites the executable's `image` object, `command` and `network` in `taskinfo`; the other
    /// members (`privileged`, `entrypoint`, `environment`) already have the handler's names.
    static func translate(
        _ executable: JSONObject, at path: JSONPointer, taskinfo: inout JSONObject,
        translation: inout OfferSetTranslation, report: inout ValidationReport
    ) {
        taskinfo["image"] = nil
        taskinfo["network"] = nil
        readImage(executable["image"], at: path.appending("image"), taskinfo: &taskinfo, translation: &translation, report: &report)
        if case .array(let items) = executable["command"] {
            // The draft's Java implementation (Jackson) reads `command: [10, 0]` as strings; so does plannerd.
            taskinfo["command"] = .array(items.map { item in
                switch item {
                case .integer, .real, .bool: .string(String(decoding: item.serialized(), as: UTF8.self))
                default: item
                }
            })
        }
        if let network = executable["network"], !network.isNull {
            readNetwork(network, at: path.appending("network"), taskinfo: &taskinfo, translation: &translation, report: &report)
        }
    }

    /// `image: {locations: [...], digest, platform: {architecture, os}}`: the first location is the
    /// reference planned; the digest and platform keep their meaning.
    static func readImage(
        _ image: JSONValue?, at path: JSONPointer, taskinfo: inout JSONObject,
        translation: inout OfferSetTranslation, report: inout ValidationReport
    ) {
        guard let image, !image.isNull else {
            report.problem(path, .missingField, "a docker-container executable needs image.locations, the image's reference")
            return
        }
        guard case .object = image else {
            report.problem(path, .wrongType, "image is an object in the ExecutionBroker draft, found \(image.typeDescription)",
                hint: "write image: {locations: [\"registry/name:tag\"], digest: \"sha256:…\"}")
            return
        }
        guard let fields = FieldReader(image, at: path, allowedKeys: ["locations", "digest", "platform"], report: &report) else { return }
        if let locations = fields.array("locations", required: true, maxCount: 16, report: &report) {
            if let first = locations.first {
                taskinfo["image"] = first
                translation.pointers.map(JSONPointer(tokens: ["taskinfo", "image"]), to: fields.pointer("locations").appending(index: 0))
                if locations.count > 1 {
                    translation.notes.append(PlanWarning(path: fields.pointer("locations"), code: .notPlanned,
                        message: "plannerd plans the image's first location; the other \(locations.count - 1) location(s) are not checked"))
                }
            } else {
                report.problem(fields.pointer("locations"), .missingField, "image.locations is empty; give the image's reference")
            }
        }
        if let digest = fields.value("digest", report: &report) {
            taskinfo["digest"] = digest
            translation.pointers.map(JSONPointer(tokens: ["taskinfo", "digest"]), to: fields.pointer("digest"))
        }
        if let platform = fields.object("platform", report: &report),
            let parts = FieldReader(.object(platform), at: fields.pointer("platform"), allowedKeys: ["architecture", "os"], report: &report)
        {
            let os = parts.string("os", maxLength: 32, report: &report) ?? "linux"
            let architecture = parts.string("architecture", maxLength: 32, report: &report) ?? "amd64"
            taskinfo["platform"] = .string(os + "/" + architecture)
            translation.pointers.map(JSONPointer(tokens: ["taskinfo", "platform"]), to: fields.pointer("platform"))
        }
    }

    /// `network.ports[]`: `internal.port` and `protocol` (HTTP and HTTPS run over TCP).
    static func readNetwork(
        _ network: JSONValue, at path: JSONPointer, taskinfo: inout JSONObject,
        translation: inout OfferSetTranslation, report: inout ValidationReport
    ) {
        guard let fields = FieldReader(network, at: path, allowedKeys: ["ports"], report: &report),
            let items = fields.array("ports", maxCount: 64, report: &report)
        else { return }
        var ports: [JSONValue] = []
        for (offset, item) in items.enumerated() {
            let itemPath = fields.pointer("ports").appending(index: offset)
            let keys: Set<String> = ["access", "internal", "external", "protocol", "path"]
            guard let port = FieldReader(item, at: itemPath, allowedKeys: keys, report: &report) else { continue }
            if port.has("external") {
                translation.notes.append(PlanWarning(path: port.pointer("external"), code: .notPlanned,
                    message: "external addresses are assigned by the service that runs the container; plannerd does not plan them"))
            }
            let inner = port.object("internal", required: true, report: &report)
            let internalPath = port.pointer("internal")
            guard let inner, let number = FieldReader(.object(inner), at: internalPath, allowedKeys: ["port"], report: &report)?
                .value("port", required: true, report: &report)
            else { continue }
            // Mapped only for ports that are passed on, so that each pointer names its own item.
            let taskPath = JSONPointer(tokens: ["taskinfo", "ports", String(ports.count)])
            translation.pointers.map(taskPath, to: itemPath)
            translation.pointers.map(taskPath.appending("port"), to: internalPath.appending("port"))
            var translated: JSONObject = ["port": number]
            if let transport = port.string("protocol", maxLength: 16, report: &report) {
                translated["protocol"] = .string(["HTTP", "HTTPS"].contains(transport) ? "TCP" : transport)
                translation.pointers.map(taskPath.appending("protocol"), to: port.pointer("protocol"))
            }
            ports.append(.object(translated))
        }
        taskinfo["ports"] = .array(ports)
        translation.pointers.map(JSONPointer(tokens: ["taskinfo", "ports"]), to: fields.pointer("ports"))
    }
}
