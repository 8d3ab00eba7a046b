public import PlannerKernel

/// A validated notebook `taskinfo`: where the notebook comes from and which kernel runs it.
public struct NotebookTask: Sendable, Hashable {
    /// Where the notebook comes from.
    public var source: NotebookSource
    /// The kernel the task names (in `kernel` or in the inline notebook), or `nil` for the service's default.
    public var kernel: NotebookKernelChoice?

    /// A task.
    public init(source: NotebookSource, kernel: NotebookKernelChoice?) {
        self.source = source
        self.kernel = kernel
    }

    /// The kernel that runs the task on a service with `settings`.
    public func effectiveKernel(_ settings: NotebookSettings) -> String {
        kernel?.name ?? settings.defaultKernel
    }
}

/// The one place a notebook comes from.
public enum NotebookSource: Sendable, Hashable {
    /// `notebook`: the URL of the `.ipynb` file.
    case url(NotebookURL)
    /// `repository` + `path` (+ `ref`): a file in a git repository.
    case repository(RepositoryNotebook)
    /// `content`: the notebook itself, inline.
    case content(NotebookContentSummary)

    /// The `taskinfo` key that holds the source's URL (`notebook` or `repository`); `nil` for inline content.
    public var urlField: String? {
        switch self {
        case .url: "notebook"
        case .repository: "repository"
        case .content: nil
        }
    }

    /// The URL the service fetches from, and the class of its host; `nil` for inline content.
    public var fetchedURL: (url: WebURL, host: HostClassification)? {
        switch self {
        case .url(let notebook): (notebook.url, notebook.host)
        case .repository(let repository): (repository.repository, repository.host)
        case .content: nil
        }
    }
}

/// A notebook named by the URL of its file.
public struct NotebookURL: Sendable, Hashable {
    /// The URL, as written.
    public var url: WebURL
    /// What its host is, for the SSRF policy.
    public var host: HostClassification

    /// A notebook URL.
    public init(url: WebURL, host: HostClassification) {
        self.url = url
        self.host = host
    }
}

/// A notebook named as a file in a git repository.
public struct RepositoryNotebook: Sendable, Hashable {
    /// The repository's https URL.
    public var repository: WebURL
    /// What its host is, for the SSRF policy.
    public var host: HostClassification
    /// The commit, tag or branch (`HEAD` when none was given); commit ids are lower-cased.
    public var ref: String
    /// Whether the ref names fixed content (a full commit id, or a tag by convention).
    public var isPinned: Bool
    /// The file's path inside the repository, relative, with `.` segments removed.
    public var path: String

    /// A repository notebook.
    public init(repository: WebURL, host: HostClassification, ref: String, isPinned: Bool, path: String) {
        self.repository = repository
        self.host = host
        self.ref = ref
        self.isPinned = isPinned
        self.path = path
    }
}

/// What the planner keeps of a validated inline notebook (the document itself is not kept).
public struct NotebookContentSummary: Sendable, Hashable {
    /// The notebook's `nbformat_minor`.
    public var nbformatMinor: Int64
    /// The number of cells.
    public var cellCount: Int
    /// `metadata.kernelspec.name`, when present.
    public var kernelspecName: String?
    /// The size of the document as compact JSON, in bytes.
    public var serialisedBytes: Int

    /// A summary.
    public init(nbformatMinor: Int64, cellCount: Int, kernelspecName: String?, serialisedBytes: Int) {
        self.nbformatMinor = nbformatMinor
        self.cellCount = cellCount
        self.kernelspecName = kernelspecName
        self.serialisedBytes = serialisedBytes
    }
}

/// A kernel named by the task, and where it was named.
public struct NotebookKernelChoice: Sendable, Hashable {
    /// Where a kernel name can come from.
    public enum Origin: Sendable, Hashable {
        /// The `kernel` field of `taskinfo`.
        case taskInfo
        /// `metadata.kernelspec.name` of the inline notebook.
        case content
    }

    /// The kernelspec name.
    public var name: String
    /// Where it was named.
    public var origin: Origin

    /// A kernel choice.
    public init(name: String, origin: Origin) {
        self.name = name
        self.origin = origin
    }

    /// The pointer to where the kernel was named, under `taskInfoPath`.
    public func path(under taskInfoPath: JSONPointer) -> JSONPointer {
        switch origin {
        case .taskInfo: taskInfoPath.appending("kernel")
        case .content: taskInfoPath.appending("content").appending("metadata").appending("kernelspec").appending("name")
        }
    }
}
