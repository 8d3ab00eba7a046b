public import PlannerKernel

/// A validated Apptainer `taskinfo`.
public struct ApptainerTask: Sendable, Hashable {
    /// The image to run.
    public var image: ApptainerImage
    /// The SHA-256 of the SIF file (`sha256:…`), when the client pins it.
    public var digest: String?
    /// The arguments passed to the container's run script.
    public var args: [String]
    /// Whether the task needs a GPU (`--nv`).
    public var gpu: Bool
}

/// A service's `settings` for Apptainer tasks.
///
/// ```yaml
/// settings: { transports: [ oras, library ], requirepinned: true, gpus: false }
/// ```
public struct ApptainerSettings: Sendable, Hashable {
    /// The transports the service pulls from (default: all three).
    public var transports: Set<ApptainerImage.Transport>
    /// Whether every task must pin its image, with `digest` or in the reference (default `false`).
    public var requirePinned: Bool
    /// Whether the service has GPUs (default `false`).
    public var gpus: Bool

    /// No block: every transport, no digest required, no GPUs.
    public static let defaults = ApptainerSettings(transports: Set(ApptainerImage.Transport.allCases), requirePinned: false, gpus: false)
}

/// The `serviceinfo` of an Apptainer offer: where to send the task and exactly what to pull.
public struct ApptainerServiceInfo: Sendable, Hashable, Encodable, JSONDocumentConvertible {
    /// The service's endpoint, unchanged.
    public var endpoint: String
    /// The canonical image (`docker://docker.io/library/alpine:3.20`).
    public var image: String
    /// The SIF file's digest, when pinned.
    public var digest: String?
    /// Whether to run with GPUs (`--nv`); left out when not.
    public var gpu: Bool

    /// `endpoint`, `image`, then `digest` and `gpu` when present.
    public var jsonDocument: JSONValue {
        var members: [JSONObject.Member] = [.init(key: "endpoint", value: .string(endpoint)), .init(key: "image", value: .string(image))]
        if let digest { members.append(.init(key: "digest", value: .string(digest))) }
        if gpu { members.append(.init(key: "gpu", value: .bool(true))) }
        return .object(JSONObject(members))
    }

    /// Encodes ``jsonDocument``.
    public func encode(to encoder: any Encoder) throws {
        try jsonDocument.encode(to: encoder)
    }
}
