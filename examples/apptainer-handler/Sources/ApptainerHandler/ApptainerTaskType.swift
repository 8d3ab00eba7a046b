public import PlannerKernel

/// The `uri://apptainer-image` task type: run an Apptainer (formerly Singularity) image on an HPC
/// centre. `taskinfo`:
///
/// ```json
/// {"image": "oras://ghcr.io/org/tool:1.0", "digest": "sha256:…", "args": ["--input", "x.fits"], "gpu": false}
/// ```
public struct ApptainerTaskType: TaskTypeHandler {
    /// A handler.
    public init() {}

    /// `Apptainer`.
    public var name: String { "Apptainer" }
    /// `uri://apptainer-image`.
    public var canonicalURI: String { "uri://apptainer-image" }
    /// Apptainer was Singularity until 2021; clients of that time still say so.
    public var aliases: [String] { ["uri://singularity-image"] }

    /// The fields, for `GET /tasktypes`.
    public var documentation: TaskTypeDocumentation {
        TaskTypeDocumentation(summary: "An Apptainer (Singularity) image run on an HPC centre.", fields: [
            .init("image", required: true, "docker://, oras:// or library:// reference"),
            .init("digest", "sha256:<64 hex> of the SIF file, to pin it"),
            .init("args", "arguments for the image's run script (at most 256 strings)"),
            .init("gpu", "true when the task needs a GPU"),
        ])
    }

    static let taskKeys: Set<String> = ["image", "digest", "args", "gpu"]
    static let settingsKeys: Set<String> = ["transports", "requirepinned", "gpus"]

    /// Reads `taskinfo`, reporting every problem; warns when nothing pins the image.
    public func readTaskInfo(_ json: JSONValue, at path: JSONPointer, report: inout ValidationReport) -> ApptainerTask? {
        let before = report.problems.count
        guard let fields = FieldReader(json, at: path, allowedKeys: Self.taskKeys, what: "an object with image", report: &report) else { return nil }
        var image: ApptainerImage?
        if let text = fields.string("image", required: true, maxLength: ApptainerImage.maximumLength, report: &report) {
            do { image = try ApptainerImage(parsing: text) } catch { report.problems.append(error.problem(at: fields.pointer("image"))) }
        }
        var digest: String?
        if let text = fields.string("digest", maxLength: 80, report: &report) {
            let hex = text.utf8.dropFirst("sha256:".count)
            if text.hasPrefix("sha256:"), hex.count == 64, hex.allSatisfy({ LibraryReference.isHexDigit($0) }) {
                digest = text
            } else {
                report.problem(fields.pointer("digest"), .invalidFormat, "\"\(text.prefix(80))\" is not a SIF digest",
                    hint: "write sha256: and the 64 lower-case hex digits `sha256sum image.sif` prints")
            }
        }
        let args = fields.stringList("args", maxCount: 256, report: &report) ?? []
        let gpu = fields.bool("gpu", report: &report) ?? false
        guard let image, report.problems.count == before else { return nil }
        if digest == nil && !image.isPinned {
            report.warning(fields.pointer("image"), "unpinned-image",
                "\(image.canonical) may change between planning and running; add digest to pin the SIF file")
        }
        return ApptainerTask(image: image, digest: digest, args: args, gpu: gpu)
    }

    /// Reads a service's `settings` block.
    public func readSettings(_ json: JSONValue?, at path: JSONPointer, report: inout ValidationReport) -> ApptainerSettings? {
        guard let json else { return .defaults }
        let before = report.problems.count
        guard let fields = FieldReader(json, at: path, allowedKeys: Self.settingsKeys, report: &report) else { return nil }
        var settings = ApptainerSettings.defaults
        if let names = fields.stringList("transports", maxCount: 3, report: &report) {
            var transports: Set<ApptainerImage.Transport> = []
            for (index, name) in names.enumerated() {
                if let transport = ApptainerImage.Transport(rawValue: name) {
                    transports.insert(transport)
                } else {
                    report.problem(fields.pointer("transports").appending(index: index), .invalidFormat,
                        "\"\(name.prefix(40))\" is not a transport", hint: "use docker, oras or library")
                }
            }
            settings.transports = transports
        }
        settings.requirePinned = fields.bool("requirepinned", report: &report) ?? false
        settings.gpus = fields.bool("gpus", report: &report) ?? false
        return report.problems.count == before ? settings : nil
    }

    /// Refuses a transport the service does not pull from, an unpinned image where pins are
    /// required, and a GPU task on a service without GPUs.
    public func policyReasons(for task: ApptainerTask, settings: ApptainerSettings, taskInfoPath: JSONPointer) -> [Reason] {
        var reasons: [Reason] = []
        if !settings.transports.contains(task.image.transport) {
            let allowed = settings.transports.map(\.rawValue).sorted().joined(separator: ", ")
            reasons.append(.policy(taskInfoPath.appending("image"),
                "this service does not pull \(task.image.transport.rawValue):// images; it pulls \(allowed.isEmpty ? "none" : allowed)"))
        }
        if settings.requirePinned && task.digest == nil && !task.image.isPinned {
            reasons.append(.policy(taskInfoPath.appending("digest"),
                "this service runs only pinned images: give digest, or pin the reference (@sha256:… or a sha256. library tag)"))
        }
        if task.gpu && !settings.gpus {
            reasons.append(.policy(taskInfoPath.appending("gpu"), "this service has no GPUs"))
        }
        return reasons
    }

    /// The endpoint, the canonical image, the digest and whether to use GPUs.
    public func serviceInfo(for task: ApptainerTask, endpoint: String, settings: ApptainerSettings) -> ApptainerServiceInfo {
        ApptainerServiceInfo(endpoint: endpoint, image: task.image.canonical, digest: task.digest, gpu: task.gpu)
    }
}
