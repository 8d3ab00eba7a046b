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

    enum CodingKeys: String, CodingKey { case endpoint, source, notebook, kernel }

    /// Service info.
    public init(endpoint: String, source: String, notebook: NotebookLocation?, kernel: String) {
        self.endpoint = endpoint
        self.source = source
        self.notebook = notebook
        self.kernel = kernel
    }

    /// Encodes `endpoint`, `source`, `notebook` (when present) and `kernel`, in that order.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(endpoint, forKey: .endpoint)
        try container.encode(source, forKey: .source)
        try container.encodeIfPresent(notebook, forKey: .notebook)
        try container.encode(kernel, forKey: .kernel)
    }
}

/// Where a service fetches a notebook from.
public enum NotebookLocation: Encodable, Sendable, Hashable {
    /// The notebook file's URL, encoded as a string.
    case url(String)
    /// A file in a git repository, encoded as `{repository, ref, path}`.
    case repository(repository: String, ref: String, path: String)

    enum CodingKeys: String, CodingKey { case repository, ref, path }

    /// Encodes a URL as a string and a repository file as an object.
    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .url(let url):
            var container = encoder.singleValueContainer()
            try container.encode(url)
        case .repository(let repository, let ref, let path):
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(repository, forKey: .repository)
            try container.encode(ref, forKey: .ref)
            try container.encode(path, forKey: .path)
        }
    }
}
