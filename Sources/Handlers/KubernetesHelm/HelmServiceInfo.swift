public import PlannerKernel

/// What a helm answer's `serviceinfo` holds: the service's endpoint and the chart to install,
/// ready for `helm install [release] chart [--repo repository] [--version version] [--namespace namespace]`.
/// Absent values are left out. The task's `values` are never repeated here.
public struct HelmServiceInfo: Encodable, Sendable, Hashable {
    /// The service's endpoint, unchanged.
    public var endpoint: String
    /// The chart: the archive URL as written, the canonical `oci://…[:tag][@digest]` reference, or
    /// (with `repository`) the chart's name in that repository.
    public var chart: String
    /// The chart repository's URL, for a chart named by `repository` + `name`.
    public var repository: String?
    /// The exact version, or the constraint the service resolves; absent for an archive or when open.
    public var version: String?
    /// The release name, when the task chose one.
    public var release: String?
    /// The namespace: the task's, or the service's `defaultnamespace`.
    public var namespace: String?

    /// The service information for `task`.
    init(task: HelmTaskInfo, endpoint: String, settings: HelmSettings) {
        self.endpoint = endpoint
        switch task.source {
        case .archive(let url):
            chart = url.text
        case .oci(let reference):
            chart = reference.description
        case .repository(let url, let name):
            chart = name
            repository = url.text
        }
        version = task.version?.description
        release = task.release
        namespace = task.namespace ?? settings.defaultNamespace
    }
}

extension HelmServiceInfo: JSONDocumentConvertible {
    /// `endpoint`, `chart`, then `repository`, `version`, `release` and `namespace` when present.
    public var jsonDocument: JSONValue {
        var members: [JSONObject.Member] = [.init(key: "endpoint", value: .string(endpoint)), .init(key: "chart", value: .string(chart))]
        let optional: [(String, String?)] = [("repository", repository), ("version", version), ("release", release), ("namespace", namespace)]
        for case let (key, value?) in optional { members.append(.init(key: key, value: .string(value))) }
        return .object(JSONObject(members))
    }

    /// Encodes ``jsonDocument``.
    public func encode(to encoder: any Encoder) throws {
        try jsonDocument.encode(to: encoder)
    }
}
