import PlannerKernel

/// The operator's refusals of a valid helm task: a chart from a host not in `charthosts`, or a
/// namespace in `deniednamespaces`. Each is a `refused-by-policy` reason at the offending field.
enum HelmPolicy {
    /// Every refusal of `task` under `settings`; empty to accept.
    static func reasons(for task: HelmTaskInfo, settings: HelmSettings, taskInfoPath: JSONPointer) -> [Reason] {
        var reasons: [Reason] = []
        if let patterns = settings.chartHosts {
            let (host, port, field, what) = origin(of: task.source)
            if !patterns.contains(where: { $0.matches(host: host, port: port) }) {
                let shown = port.map { "\(host):\($0)" } ?? host
                let allowed = patterns.isEmpty ? "no chart hosts at all" : "charts from \(patterns.map(\.description).joined(separator: ", ")) only"
                reasons.append(.policy(taskInfoPath.appending(field),
                    "the \(what) \(quoted(shown)) is not one this service accepts; it takes \(allowed)"))
            }
        }
        if let namespace = task.namespace, settings.deniedNamespaces.contains(namespace) {
            reasons.append(.policy(taskInfoPath.appending("namespace"),
                "the namespace \(quoted(namespace)) is reserved on this service; choose another namespace or leave it out"))
        }
        return reasons
    }

    /// The host a chart is fetched from, its port, the field that names it, and what to call it.
    private static func origin(of source: HelmChartSource) -> (host: String, port: Int?, field: String, what: String) {
        switch source {
        case .archive(let url): (url.host, url.port, "chart", "chart host")
        case .oci(let reference): (reference.host, reference.port, "chart", "chart registry")
        case .repository(let url, _): (url.host, url.port, "repository", "chart repository host")
        }
    }
}
