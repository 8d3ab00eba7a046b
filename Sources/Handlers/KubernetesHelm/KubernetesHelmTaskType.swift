public import PlannerKernel

/// The `uri://kubernetes-helm` task type: install a Helm chart on a Kubernetes service.
///
/// The chart is either `chart` (an http(s) URL of a packaged chart, or an `oci://` reference) or
/// `repository` + `name`; `version`, `values`, `release` and `namespace` are optional. See
/// `docs/handlers/kubernetes-helm.md` for every rule, code and setting.
public struct KubernetesHelmTaskType: TaskTypeHandler {
    /// A handler.
    public init() {}

    /// `KubernetesHelm`.
    public var name: String { "KubernetesHelm" }

    /// `uri://kubernetes-helm`: no IVOA URI exists for Helm charts, so the seed's form is canonical.
    public var canonicalURI: String { "uri://kubernetes-helm" }

    /// A versioned alias in the style of the ExecutionBroker drafts.
    public var aliases: [String] { ["uri:kubernetes-helm-1.0"] }

    /// The summary and the `taskinfo` fields.
    public var documentation: TaskTypeDocumentation {
        TaskTypeDocumentation(
            summary: "Install a Helm chart on a Kubernetes service.",
            fields: [
                .init("chart", required: true,
                    "The chart: an http(s) URL of a packaged chart (.tgz), or oci://registry/repository/chart[:version][@digest]. Required unless repository and name are given."),
                .init("repository", required: true, "The http(s) URL of a chart repository (serving index.yaml); required with name, instead of chart."),
                .init("name", required: true, "The chart's name in repository (^[a-zA-Z0-9._-]+$, at most 250 characters); required with repository."),
                .init("version", "An exact SemVer 2 version (1.2.3) or a constraint (^1.2.0, >=1.2, <2); not with an archive URL; must agree with an OCI tag."),
                .init("values", "The chart's value overrides: a JSON object, at most 1 MiB and 32 levels deep."),
                .init("release", "The release name: lower-case DNS subdomain, at most 53 characters."),
                .init("namespace", "The Kubernetes namespace: lower-case DNS label, at most 63 characters."),
            ])
    }

    /// Reads a helm `taskinfo`.
    public func readTaskInfo(_ json: JSONValue, at path: JSONPointer, report: inout ValidationReport) -> HelmTaskInfo? {
        HelmTaskInfoReader(path: path).read(json, report: &report)
    }

    /// Reads a service's helm `settings` (`charthosts`, `deniednamespaces`, `defaultnamespace`).
    public func readSettings(_ json: JSONValue?, at path: JSONPointer, report: inout ValidationReport) -> HelmSettings? {
        HelmSettings.read(json, at: path, report: &report)
    }

    /// Refuses charts from hosts outside `charthosts` and namespaces in `deniednamespaces`.
    public func policyReasons(for task: HelmTaskInfo, settings: HelmSettings, taskInfoPath: JSONPointer) -> [Reason] {
        HelmPolicy.reasons(for: task, settings: settings, taskInfoPath: taskInfoPath)
    }

    /// The endpoint and the chart to install.
    public func serviceInfo(for task: HelmTaskInfo, endpoint: String, settings: HelmSettings) -> HelmServiceInfo {
        HelmServiceInfo(task: task, endpoint: endpoint, settings: settings)
    }
}
