import PlannerKernel

/// A service's operator settings for helm charts (its `settings` block).
///
/// ```yaml
/// settings:
///   charthosts: [ "ghcr.io", "*.example.org" ]     # absent: charts from any host
///   deniednamespaces: [ "kube-system", "kube-public", "kube-node-lease", "monitoring" ]
///   defaultnamespace: science
/// ```
public struct HelmSettings: Sendable, Hashable {
    /// The hosts charts may come from (archive URLs, repository URLs, OCI registries); `nil` allows any.
    public var chartHosts: [HelmChartHostPattern]?
    /// Namespaces a task may not install into.
    public var deniedNamespaces: [String]
    /// The namespace reported in `serviceinfo` when a task names none; `nil` leaves it to the service.
    public var defaultNamespace: String?

    /// The namespaces Kubernetes keeps for itself, denied unless `deniednamespaces` says otherwise.
    public static let systemNamespaces = ["kube-system", "kube-public", "kube-node-lease"]

    /// The settings of a service with no `settings` block.
    public static let defaults = HelmSettings(chartHosts: nil, deniedNamespaces: systemNamespaces, defaultNamespace: nil)

    /// Settings from their parts.
    public init(chartHosts: [HelmChartHostPattern]?, deniedNamespaces: [String], defaultNamespace: String?) {
        self.chartHosts = chartHosts
        self.deniedNamespaces = deniedNamespaces
        self.defaultNamespace = defaultNamespace
    }

    /// The settings keys.
    static let keys: Set<String> = ["charthosts", "deniednamespaces", "defaultnamespace"]

    /// Reads a `settings` block at `path` (defaults when `json` is `nil`); `nil` with problems in `report`.
    static func read(_ json: JSONValue?, at path: JSONPointer, report: inout ValidationReport) -> HelmSettings? {
        guard let json else { return .defaults }
        let start = report.problems.count
        guard let fields = FieldReader(json, at: path, allowedKeys: keys, what: "an object of helm settings", report: &report) else { return nil }
        var settings = HelmSettings.defaults
        if let hosts = fields.stringList("charthosts", maxLength: 300, report: &report) {
            var patterns: [HelmChartHostPattern] = []
            for (offset, host) in hosts.enumerated() {
                do {
                    patterns.append(try HelmChartHostPattern(parsing: host))
                } catch {
                    report.problems.append(error.problem(at: fields.pointer("charthosts").appending(index: offset)))
                }
            }
            settings.chartHosts = patterns
        }
        if let namespaces = fields.stringList("deniednamespaces", maxLength: 300, report: &report) {
            settings.deniedNamespaces = namespaces.enumerated().compactMap { offset, namespace in
                if let problem = KubernetesNames.namespaceProblem(namespace) {
                    report.problems.append(problem.problem(at: fields.pointer("deniednamespaces").appending(index: offset)))
                    return nil
                }
                return namespace
            }
        }
        if let namespace = fields.string("defaultnamespace", maxLength: 300, allowEmpty: true, report: &report) {
            if let problem = KubernetesNames.namespaceProblem(namespace) {
                report.problems.append(problem.problem(at: fields.pointer("defaultnamespace")))
            } else if settings.deniedNamespaces.contains(namespace) {
                report.problem(fields.pointer("defaultnamespace"), .conflictingFields,
                    "the default namespace \(quoted(namespace)) is one of deniednamespaces, so every task without a namespace would be refused",
                    hint: "choose another default, or remove it from deniednamespaces")
            } else {
                settings.defaultNamespace = namespace
            }
        }
        return report.problems.count == start ? settings : nil
    }
}
