import PlannerKernel

/// A service's operator settings for docker-container tasks (its `settings` block).
///
/// ```yaml
/// settings: { registries: [ "docker.io", "ghcr.io" ], privileged: false, platforms: [ "linux/amd64", "linux/arm64" ] }
/// ```
public struct DockerContainerSettings: Sendable, Hashable {
    /// The registry domains images may come from, normalised and lower-cased; `nil` allows any.
    public var registries: [String]?
    /// Whether privileged containers are allowed (default `false`).
    public var privileged: Bool
    /// The platforms the service runs (default: `linux/amd64` only).
    public var platforms: [ContainerPlatform]

    /// The settings of a service that has no `settings` block.
    public static let defaults = DockerContainerSettings(registries: nil, privileged: false, platforms: [.defaultPlatform])

    /// The keys a `settings` block may have.
    static let keys: Set<String> = ["registries", "privileged", "platforms"]

    /// Settings from their parts.
    public init(registries: [String]?, privileged: Bool, platforms: [ContainerPlatform]) {
        self.registries = registries
        self.privileged = privileged
        self.platforms = platforms
    }

    /// Whether images from `domain` may run here.
    public func allowsRegistry(_ domain: String) -> Bool {
        guard let registries else { return true }
        return registries.contains(domain.lowercased())
    }

    /// Whether a task asking for `platform` can run here.
    public func offers(_ platform: ContainerPlatform) -> Bool {
        platforms.contains { $0.accepts(platform) }
    }

    /// Reads a `settings` block (`nil` gives ``defaults``), reporting every problem.
    static func read(_ json: JSONValue?, at path: JSONPointer, report: inout ValidationReport) -> DockerContainerSettings? {
        guard let json else { return defaults }
        let problemsBefore = report.problems.count
        guard let fields = FieldReader(json, at: path, allowedKeys: keys, what: "a settings object", report: &report) else { return nil }
        var settings = defaults
        settings.privileged = fields.bool("privileged", report: &report) ?? false
        if let items = fields.array("registries", report: &report) {
            settings.registries = readList(items, at: fields.pointer("registries"), what: "registry", report: &report) { text throws(FormatError) in
                guard !text.contains("/") else {
                    throw FormatError(message: "\"\(ASCII.shown(text))\" is not a registry domain: a registry is host[:port], without a path or scheme",
                        hint: text.contains("://") ? "drop the scheme" : "keep only the part before the first '/'")
                }
                return try RegistryDomain(parsing: text).comparisonKey
            }
        }
        if let items = fields.array("platforms", report: &report) {
            settings.platforms = readList(items, at: fields.pointer("platforms"), what: "platform", report: &report) { text throws(FormatError) in
                try ContainerPlatform(parsing: text)
            }
        }
        return report.problems.count == problemsBefore ? settings : nil
    }

    /// A non-empty list of strings, each converted by `parse`; duplicates are dropped.
    static func readList<Element: Hashable>(
        _ items: [JSONValue], at path: JSONPointer, what: String, report: inout ValidationReport,
        parse: (String) throws(FormatError) -> Element
    ) -> [Element] {
        if items.isEmpty {
            report.problem(path, .invalidFormat, "an empty \(what) list would refuse every task",
                hint: "list at least one \(what), or leave the key out for the default")
        }
        var elements: [Element] = []
        for (offset, item) in items.enumerated() {
            let itemPath = path.appending(index: offset)
            guard let text = FieldReader.string(item, at: itemPath, maxLength: 300, report: &report) else { continue }
            do {
                let element = try parse(text)
                if !elements.contains(element) { elements.append(element) }
            } catch {
                report.problems.append(error.problem(at: itemPath))
            }
        }
        return elements
    }
}
