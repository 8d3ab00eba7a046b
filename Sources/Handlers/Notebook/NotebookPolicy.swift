import PlannerKernel

/// The operator's refusals of a valid notebook task (API.md §6): plain http, local-only hosts,
/// hosts off the allowed list, and kernels the service does not offer.
enum NotebookPolicy {
    static func reasons(for task: NotebookTask, settings: NotebookSettings, taskInfoPath: JSONPointer) -> [Reason] {
        var reasons: [Reason] = []
        if let field = task.source.urlField, let fetched = task.source.fetchedURL {
            let (url, host) = (fetched.url, fetched.host)
            let path = taskInfoPath.appending(field)
            if url.scheme == "http" && !settings.allowHTTP {
                reasons.append(.policy(path,
                    "the \(field) URL uses plain http, which this service does not fetch; use https"))
            }
            if case .restricted(let what) = host, !settings.allowPrivate {
                reasons.append(.policy(path,
                    "the \(field) URL's host \(url.host.prefix(80)) is \(what); this service does not fetch from local or private hosts"))
            }
            if !settings.allows(host: url.host) {
                let allowed = (settings.hosts ?? []).joined(separator: ", ")
                reasons.append(.policy(path,
                    "this service does not fetch notebooks from \(url.host.prefix(80)); it allows \(allowed.isEmpty ? "no hosts (inline content only)" : allowed)"))
            }
        }
        if let kernel = task.kernel, !settings.kernels.contains(kernel.name) {
            reasons.append(.policy(kernel.path(under: taskInfoPath),
                "the kernel \(kernel.name) is not offered by this service; it offers \(settings.kernels.joined(separator: ", "))"))
        }
        return reasons
    }
}
