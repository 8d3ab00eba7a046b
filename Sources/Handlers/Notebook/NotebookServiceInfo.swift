public import PlannerKernel

/// The `serviceinfo` of a notebook answer: where to send the task, which notebook and which kernel.
///
/// `source` says how the notebook was named: `url` (then `notebook` is the URL string),
/// `repository` (then `notebook` is `{repository, ref, path}`) or `content` (then there is no
/// `notebook`: the client sends the document it already has).
public struct NotebookServiceInfo: Encodable, Sendable, Hashable {
    /// The service's endpoint, unchanged.
    public var endpoint: String
    /// `url`, `repository` or `content`.
    public var source: String
    /// The notebook's location; `nil` for inline content.
    public var notebook: NotebookLocation?
    /// The kernelspec name the service runs the notebook with.
    public var kernel: String

    /// Service info.
    public init(endpoint: String, source: String, notebook: NotebookLocation?, kernel: String) {
        self.endpoint = endpoint
        self.source = source
        self.notebook = notebook
        self.kernel = kernel
    }

    /// Encodes ``jsonDocument``.
    public func encode(to encoder: any Encoder) throws {
        try jsonDocument.encode(to: encoder)
    }
}

extension NotebookServiceInfo: JSONDocumentConvertible {
    /// `endpoint`, `source`, `notebook` (when present) and `kernel`, in that order.
    public var jsonDocument: JSONValue {
        var members: [JSONObject.Member] = [.init(key: "endpoint", value: .string(endpoint)), .init(key: "source", value: .string(source))]
        if let notebook { members.append(.init(key: "notebook", value: notebook.jsonDocument)) }
        members.append(.init(key: "kernel", value: .string(kernel)))
        return .object(JSONObject(members))
    }
}

/// Where a service fetches a notebook from.
public enum NotebookLocation: Encodable, Sendable, Hashable {
    /// The notebook file's URL, encoded as a string.
    case url(String)
    /// A file in a git repository, encoded as `{repository, ref, path}`.
    case repository(repository: String, ref: String, path: String)

    /// Encodes ``jsonDocument``: a URL as a string, a repository file as an object.
    public func encode(to encoder: any Encoder) throws {
        try jsonDocument.encode(to: encoder)
    }
}

extension NotebookLocation: JSONDocumentConvertible {
    /// The URL string, or `{repository, ref, path}`.
    public var jsonDocument: JSONValue {
        switch self {
        case .url(let url):
            return .string(url)
        case .repository(let repository, let ref, let path):
            return .object(JSONObject([
                .init(key: "repository", value: .string(repository)), .init(key: "ref", value: .string(ref)), .init(key: "path", value: .string(path)),
            ]))
        }
    }
}
