import PlannerKernel

/// A service's operator settings for notebooks (its `settings` block).
public struct NotebookSettings: Sendable, Hashable {
    /// The kernels on offer; the first is the default for notebooks that name none. Never empty.
    public var kernels: [String]
    /// The hosts notebooks and repositories may come from (lower case; `*.example.org` matches
    /// any subdomain); `nil` allows any host.
    public var hosts: [String]?
    /// Whether plain `http` URLs are allowed.
    public var allowHTTP: Bool
    /// Whether URLs may name loopback, private, link-local or local-only hosts.
    public var allowPrivate: Bool

    /// The kernel offered when the service has no `kernels` setting.
    public static let builtInKernel = "python3"

    /// The settings of a service without a `settings` block.
    public static let defaults = NotebookSettings(kernels: [builtInKernel], hosts: nil, allowHTTP: false, allowPrivate: false)

    /// Settings.
    public init(kernels: [String], hosts: [String]?, allowHTTP: Bool, allowPrivate: Bool) {
        self.kernels = kernels
        self.hosts = hosts
        self.allowHTTP = allowHTTP
        self.allowPrivate = allowPrivate
    }

    /// The kernel used when a task names none.
    public var defaultKernel: String { kernels.first ?? Self.builtInKernel }

    /// Whether `host` (as written in a URL) is on the allowed list.
    public func allows(host: String) -> Bool {
        guard let hosts else { return true }
        let lowered = host.lowercased()
        return hosts.contains { entry in
            if entry.hasPrefix("*.") { return lowered.hasSuffix(entry.dropFirst()) }
            return entry == lowered
        }
    }
}

/// Reads a notebook service's `settings` block.
enum NotebookSettingsReader {
    static let keys: Set<String> = ["kernels", "hosts", "allowhttp", "allowprivate"]

    static func read(_ json: JSONValue?, at path: JSONPointer, report: inout ValidationReport) -> NotebookSettings? {
        guard let json else { return .defaults }
        let before = report.problems.count
        guard let fields = FieldReader(json, at: path, allowedKeys: keys, what: "an object of notebook settings", report: &report) else {
            return nil
        }
        var kernels = NotebookSettings.defaults.kernels
        if let items = fields.array("kernels", maxCount: 256, report: &report) {
            let pointer = fields.pointer("kernels")
            if items.isEmpty {
                report.problem(pointer, .invalidFormat, "a notebook service must offer at least one kernel",
                    hint: "list kernelspec names such as [\"python3\"], or leave kernels out for python3")
            }
            kernels = uniqueStrings(items, at: pointer, what: "kernel", report: &report) { name in KernelName.problem(in: name) }
        }
        var hosts: [String]?
        if let items = fields.array("hosts", maxCount: 1024, report: &report) {
            hosts = uniqueStrings(items, at: fields.pointer("hosts"), what: "host", report: &report, normalise: normaliseHost) { host in
                hostProblem(host)
            }
        }
        let allowHTTP = fields.bool("allowhttp", report: &report) ?? false
        let allowPrivate = fields.bool("allowprivate", report: &report) ?? false
        guard report.problems.count == before else { return nil }
        return NotebookSettings(kernels: kernels, hosts: hosts, allowHTTP: allowHTTP, allowPrivate: allowPrivate)
    }

    /// The strings of `items`, each checked by `check`, without repeats (a repeat is a problem).
    static func uniqueStrings(
        _ items: [JSONValue], at path: JSONPointer, what: String, report: inout ValidationReport,
        normalise: (String) -> String = { $0 }, check: (String) -> FormatError?
    ) -> [String] {
        var seen: [String: Int] = [:]
        var result: [String] = []
        for (offset, item) in items.enumerated() {
            let pointer = path.appending(index: offset)
            guard let text = FieldReader.string(item, at: pointer, maxLength: 256, report: &report) else { continue }
            if let error = check(text) {
                report.problems.append(error.problem(at: pointer))
                continue
            }
            let value = normalise(text)
            if let first = seen[value] {
                report.problem(pointer, .invalidFormat, "the \(what) \"\(text)\" is listed twice (first at index \(first))",
                    hint: "remove the repeat")
                continue
            }
            seen[value] = offset
            result.append(value)
        }
        return result
    }

    /// A host entry in lower case, IPv6 addresses in brackets.
    static func normaliseHost(_ host: String) -> String {
        let lowered = host.lowercased()
        if lowered.contains(":") && !lowered.hasPrefix("[") { return "[\(lowered)]" }
        return lowered
    }

    /// Why `host` is not a host name, IP address or `*.`-wildcard name.
    static func hostProblem(_ host: String) -> FormatError? {
        let bare = host.hasPrefix("*.") ? String(host.dropFirst(2)) : host
        let bracketed = bare.contains(":") && !bare.hasPrefix("[") ? "[\(bare)]" : bare
        do {
            let url = try WebURL(parsing: "https://\(bracketed)/", schemes: ["https"])
            guard url.port == nil, url.host == bracketed else {
                return FormatError(message: "\"\(host.prefix(80))\" is not a host name", hint: "write only the host, such as raw.githubusercontent.com, without scheme, port or path")
            }
            _ = try HostClassification.classify(url.host)
            return nil
        } catch {
            return FormatError(message: "\"\(host.prefix(80))\" is not a host name: \(error.message)",
                hint: "write only the host, such as raw.githubusercontent.com or *.example.org")
        }
    }
}
