public import PlannerKernel

/// The `serviceinfo` of a docker-container offer: where to send the task and exactly which image
/// and platform to run. Keys are encoded in this order; `digest` is left out when unknown.
public struct DockerContainerServiceInfo: Sendable, Hashable, Encodable {
    /// The service's endpoint, unchanged.
    public var endpoint: String
    /// The canonical image reference (`docker.io/library/ubuntu:22.04`, or `name@digest` when pinned).
    public var image: String
    /// The digest (`sha256:…`), when the task pins one.
    public var digest: String?
    /// The platform to run (`linux/amd64`).
    public var platform: String
}

extension DockerContainerServiceInfo: JSONDocumentConvertible {
    /// `endpoint`, `image`, `digest` (when known) and `platform`, in that order.
    public var jsonDocument: JSONValue {
        var members: [JSONObject.Member] = [.init(key: "endpoint", value: .string(endpoint)), .init(key: "image", value: .string(image))]
        if let digest { members.append(.init(key: "digest", value: .string(digest))) }
        members.append(.init(key: "platform", value: .string(platform)))
        return .object(JSONObject(members))
    }

    /// Encodes ``jsonDocument``.
    public func encode(to encoder: any Encoder) throws {
        try jsonDocument.encode(to: encoder)
    }
}
