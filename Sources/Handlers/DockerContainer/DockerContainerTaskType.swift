public import PlannerKernel

/// The handler for `uri://docker-container` tasks: run one OCI/Docker image.
///
/// It normalises the image reference (`ubuntu` → `docker.io/library/ubuntu:latest`), warns when the
/// image is not pinned by a digest, and applies a service's `registries`, `privileged` and
/// `platforms` settings as policy refusals.
///
/// ```swift
/// let handler = DockerContainerTaskType()
/// let outcome = handler.probeTaskInfo(#"{"image": "ubuntu:22.04"}"#)   // PlannerKernelTesting
/// ```
public struct DockerContainerTaskType: TaskTypeHandler {
    /// A handler.
    public init() {}

    /// `DockerContainer`.
    public var name: String { "DockerContainer" }

    /// `uri://docker-container`.
    public var canonicalURI: String { DockerContainerURIs.canonical }

    /// The IVOA ExecutionBroker docker-container URIs (``DockerContainerURIs/executionBrokerAliases``).
    public var aliases: [String] { DockerContainerURIs.executionBrokerAliases }

    /// The summary and `taskinfo` fields for `GET /tasktypes`.
    public var documentation: TaskTypeDocumentation {
        TaskTypeDocumentation(
            summary: "Run one OCI/Docker container image.",
            fields: [
                .init("image", required: true, "OCI image reference, such as ubuntu:22.04 or ghcr.io/org/app@sha256:…; normalised as docker pull does"),
                .init("digest", "sha256:<64 hex> or sha512:<128 hex> pinning the image; must equal a digest written in image"),
                .init("platform", "os/architecture[/variant], such as linux/arm64; default linux/amd64"),
                .init("command", "a string or an array of strings: the arguments (a lone string is one argument, not split)"),
                .init("entrypoint", "a string or an array of strings replacing the image's entrypoint"),
                .init("environment", "an object of variable names ([A-Za-z_][A-Za-z0-9_]*) to string values (≤ 32 KiB each, ≤ 256); values are never echoed"),
                .init("ports", "an array of unique ports: integers 1–65535 (TCP) or {\"port\", \"protocol\": \"TCP\"|\"UDP\"}"),
                .init("privileged", "true to ask for a privileged container; default false"),
            ])
    }

    /// Reads `taskinfo`; see ``DockerContainerTask``.
    public func readTaskInfo(_ json: JSONValue, at path: JSONPointer, report: inout ValidationReport) -> DockerContainerTask? {
        DockerTaskInfoReader.read(json, at: path, report: &report)
    }

    /// Reads a service's settings; see ``DockerContainerSettings``.
    public func readSettings(_ json: JSONValue?, at path: JSONPointer, report: inout ValidationReport) -> DockerContainerSettings? {
        DockerContainerSettings.read(json, at: path, report: &report)
    }

    /// Refuses an image from a registry not on the list, a privileged container where none is
    /// allowed, and a platform the service does not run, each at the field responsible.
    public func policyReasons(for task: DockerContainerTask, settings: DockerContainerSettings, taskInfoPath: JSONPointer) -> [Reason] {
        var reasons: [Reason] = []
        if !settings.allowsRegistry(task.image.domain) {
            let allowed = (settings.registries ?? []).joined(separator: ", ")
            reasons.append(.policy(taskInfoPath.appending("image"),
                "images from the registry \(task.image.domain) are not allowed here (\(task.image.canonical)); the allowed registries are \(allowed)"))
        }
        if task.privileged && !settings.privileged {
            reasons.append(.policy(taskInfoPath.appending("privileged"),
                "privileged containers are not allowed here; ask without \"privileged\": true"))
        }
        if !settings.offers(task.platform) {
            let offered = settings.platforms.map(\.description).joined(separator: ", ")
            let what = task.platformWasGiven ? "the platform \(task.platform)" : "the default platform \(task.platform) (no platform was given)"
            reasons.append(.policy(taskInfoPath.appending("platform"),
                "\(what) is not offered here; the platforms on offer are \(offered)"))
        }
        return reasons
    }

    /// `{endpoint, image, digest, platform}`.
    public func serviceInfo(for task: DockerContainerTask, endpoint: String, settings: DockerContainerSettings) -> DockerContainerServiceInfo {
        DockerContainerServiceInfo(
            endpoint: endpoint, image: task.image.canonical, digest: task.digest?.description, platform: task.platform.description)
    }
}
