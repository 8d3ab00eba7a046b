import PlannerKernel

/// Reads a docker-container `taskinfo` object, reporting every problem at once.
enum DockerTaskInfoReader {
    /// The keys a docker-container `taskinfo` may have.
    static let keys: Set<String> = ["image", "digest", "platform", "command", "entrypoint", "environment", "ports", "privileged"]
    /// The longest accepted `image` string (a name of 255, a tag of 128 and a sha512 digest fit easily).
    static let maximumImageLength = 1024
    /// The most environment variables accepted.
    static let maximumEnvironmentCount = 256
    /// The longest environment value, in UTF-8 bytes (32 KiB).
    static let maximumEnvironmentValueBytes = 32 * 1024

    static func read(_ json: JSONValue, at path: JSONPointer, report: inout ValidationReport) -> DockerContainerTask? {
        let problemsBefore = report.problems.count
        guard let fields = FieldReader(json, at: path, allowedKeys: keys, what: "a taskinfo object", report: &report) else { return nil }

        var image = readImage(fields, report: &report)
        if let digestText = fields.string("digest", maxLength: 256, report: &report) {
            do {
                let digest = try ImageDigest(parsing: digestText)
                if let reference = image {
                    if let embedded = reference.digest, embedded != digest {
                        report.problem(fields.pointer("digest"), .conflictingFields,
                            "the digest \(ASCII.shown(digest.description, limit: 24)) differs from the digest \(ASCII.shown(embedded.description, limit: 24)) in \"image\"",
                            hint: "give the digest once, or make the two equal")
                    } else {
                        image = reference.pinned(to: digest)
                    }
                }
            } catch {
                report.problems.append(error.problem(at: fields.pointer("digest")))
            }
        }
        var platform = ContainerPlatform.defaultPlatform
        if let text = fields.string("platform", maxLength: 64, report: &report) {
            do { platform = try ContainerPlatform(parsing: text) } catch { report.problems.append(error.problem(at: fields.pointer("platform"))) }
        }
        let command = fields.stringList("command", report: &report)
        let entrypoint = fields.stringList("entrypoint", report: &report)
        let environment = readEnvironment(fields, report: &report)
        let ports = readPorts(fields, report: &report)
        let privileged = fields.bool("privileged", report: &report) ?? false

        guard report.problems.count == problemsBefore, let image else { return nil }
        warn(about: image, at: fields.pointer("image"), digestField: fields.has("digest"), report: &report)
        return DockerContainerTask(
            image: image, platform: platform, platformWasGiven: fields.has("platform"), command: command,
            entrypoint: entrypoint, environment: environment, ports: ports, privileged: privileged)
    }

    static func readImage(_ fields: FieldReader, report: inout ValidationReport) -> ImageReference? {
        guard let text = fields.string("image", required: true, maxLength: maximumImageLength, report: &report) else { return nil }
        do {
            return try ImageReference(parsing: text)
        } catch {
            report.problems += error.errors.map { $0.problem(at: fields.pointer("image")) }
            return nil
        }
    }

    /// The `mutable-tag`, `tag-ignored` and `looks-like-registry` warnings.
    static func warn(about image: ImageReference, at path: JSONPointer, digestField: Bool, report: inout ValidationReport) {
        if image.looksLikeRegistry {
            let tag = image.tag.map { " with the tag \($0)" } ?? ""
            report.warning(path, .looksLikeRegistry,
                "\"\(ASCII.shown(image.input))\" reads as the Docker Hub image \(image.name)\(tag), not as a registry; to use a registry, add the repository path after a '/'")
        }
        if let digest = image.digest {
            if let tag = image.tag {
                let source = digestField && !image.input.contains("@") ? "the digest field" : "the digest"
                report.warning(path, .tagIgnored,
                    "the tag \(ASCII.shown(tag, limit: 40)) is not checked: \(source) \(ASCII.shown(digest.description, limit: 24)) alone decides which image runs")
            }
        } else {
            let implied = image.tag == nil ? " (the tag latest is implied)" : ""
            report.warning(path, .mutableTag,
                "tag is mutable; result not reproducible: \(ASCII.shown(image.canonical))\(implied) has no digest; pin one with @sha256:… or the digest field")
        }
    }

    static func readEnvironment(_ fields: FieldReader, report: inout ValidationReport) -> [EnvironmentVariable] {
        guard let object = fields.object("environment", report: &report) else { return [] }
        let path = fields.pointer("environment")
        guard object.members.count <= maximumEnvironmentCount else {
            report.problem(path, .tooLong, "has \(object.members.count) variables; the limit is \(maximumEnvironmentCount)")
            return []
        }
        var variables: [EnvironmentVariable] = []
        for member in object.members {
            let memberPath = path.appending(member.key)
            if let problem = environmentNameProblem(member.key) {
                report.problem(memberPath, .invalidFormat, problem.message, hint: problem.hint)
            }
            switch member.value {
            case .string(let value):
                if value.utf8.count > maximumEnvironmentValueBytes {
                    report.problem(memberPath, .tooLong,
                        "the value of \(ASCII.shown(member.key, limit: 40)) is \(value.utf8.count) bytes long; the limit is \(maximumEnvironmentValueBytes) (32 KiB)")
                } else {
                    variables.append(EnvironmentVariable(name: member.key, value: value))
                }
            default:
                report.problem(memberPath, .wrongType,
                    "the value of \(ASCII.shown(member.key, limit: 40)) must be a string, found \(member.value.typeDescription)",
                    hint: member.value.isScalar ? "quote it" : nil)
            }
        }
        return variables
    }

    /// Why `name` is not `[A-Za-z_][A-Za-z0-9_]*`, or `nil`.
    static func environmentNameProblem(_ name: String) -> (message: String, hint: String?)? {
        let shown = ASCII.shown(name, limit: 40)
        guard let first = name.utf8.first else { return ("an environment variable name is empty", nil) }
        if ASCII.isDigit(first) {
            return ("the environment variable name \"\(shown)\" starts with a digit; a name starts with a letter or '_'", nil)
        }
        if let bad = name.utf8.first(where: { !ASCII.isWord($0) }) {
            let hint = bad == ASCII.hyphen || bad == ASCII.dot ? "write \(ASCII.shown(name.replacingBytes([ASCII.hyphen, ASCII.dot], with: ASCII.underscore), limit: 40))" : nil
            return ("the environment variable name \"\(shown)\" contains \(ASCII.quoted(bad)); a name has only letters, digits and '_'", hint)
        }
        return nil
    }

    static func readPorts(_ fields: FieldReader, report: inout ValidationReport) -> [ContainerPort] {
        guard let items = fields.array("ports", report: &report) else { return [] }
        let path = fields.pointer("ports")
        var ports: [ContainerPort] = []
        var firstIndex: [ContainerPort: Int] = [:]
        for (offset, item) in items.enumerated() {
            let itemPath = path.appending(index: offset)
            guard let port = readPort(item, at: itemPath, report: &report) else { continue }
            if let earlier = firstIndex[port] {
                report.problem(itemPath, .duplicatePort, "the port \(port) is already listed at \(path.appending(index: earlier))",
                    hint: "list each port once")
                continue
            }
            firstIndex[port] = offset
            ports.append(port)
        }
        return ports
    }

    /// A port: an integer (TCP) or `{"port": 8080, "protocol": "TCP" | "UDP"}`.
    static func readPort(_ item: JSONValue, at path: JSONPointer, report: inout ValidationReport) -> ContainerPort? {
        switch item {
        case .integer:
            return FieldReader.integer(item, at: path, in: 1...65535, report: &report).map { ContainerPort(port: Int($0)) }
        case .object:
            guard let fields = FieldReader(item, at: path, allowedKeys: ["port", "protocol"], report: &report) else { return nil }
            let number = fields.integer("port", required: true, in: 1...65535, report: &report)
            var transport = ContainerPort.TransportProtocol.tcp
            if let text = fields.string("protocol", maxLength: 16, report: &report) {
                if let known = ContainerPort.TransportProtocol(rawValue: text) {
                    transport = known
                } else {
                    let upper = text.uppercased()
                    let hint = ContainerPort.TransportProtocol(rawValue: upper) != nil ? "write \(upper)"
                        : upper == "HTTP" || upper == "HTTPS" ? "\(upper) runs over TCP: write TCP" : "write TCP or UDP"
                    report.problem(fields.pointer("protocol"), .invalidFormat,
                        "the protocol \"\(ASCII.shown(text, limit: 16))\" is not TCP or UDP", hint: hint)
                    return nil
                }
            }
            return number.map { ContainerPort(port: Int($0), transport: transport) }
        default:
            report.problem(path, .wrongType, "expected a port number or {\"port\", \"protocol\"}, found \(item.typeDescription)",
                hint: item.stringValue.map { text in Int(text).map { "write the number without quotes: \($0)" } } ?? nil)
            return nil
        }
    }
}

extension JSONValue {
    /// Whether this is a number or a boolean (a value a user may have meant as a string).
    fileprivate var isScalar: Bool {
        switch self {
        case .integer, .real, .bool: true
        default: false
        }
    }
}

extension String {
    /// The string with each of `bytes` replaced by `replacement` (ASCII only).
    fileprivate func replacingBytes(_ bytes: Set<UInt8>, with replacement: UInt8) -> String {
        String(decoding: utf8.map { bytes.contains($0) ? replacement : $0 }, as: UTF8.self)
    }
}
