public import PlannerKernel

/// The `uri://jupyter-notebook` handler: a Jupyter notebook named by URL, by a file in a git
/// repository, or sent inline, run with a kernel the service offers.
///
/// ```swift
/// let handler = NotebookTaskType()
/// var report = ValidationReport()
/// let task = handler.readTaskInfo(["notebook": "https://example.org/a.ipynb"], at: JSONPointer(tokens: ["taskinfo"]), report: &report)
/// ```
public struct NotebookTaskType: TaskTypeHandler {
    /// The canonical task type (API.md §6).
    public static let canonicalTaskTypeURI = "uri://jupyter-notebook"

    /// The IVOA ExecutionBroker spellings of the jupyter-notebook type (formats.md §8.2), compared exactly.
    public static let executionBrokerAliases: [String] = [
        "uri:jupyter-notebook-1.0",
        "uri:jupyter-notebook-0.1",
        "urn:jupyter-notebook-0.1",
        "https://www.purl.org/ivoa.net/EB/schema/v1.0/types/executable/jupyter-notebook-1.0",
        "https://www.purl.org/ivoa.net/EB/schema/types/executable/jupyter-notebook-1.0",
        "https://www.purl.org/ivoa.net/EB/schema/types/executables/jupyter-notebook-1.0",
        "https://www.purl.org/ivoa.net/executable-types/jupyter-notebook",
        "https://www.purl.org/ivoa.net/Calycopis-openapi/schema/v1.0/kinds/executable/jupyter-notebook.yaml",
    ]

    /// A handler.
    public init() {}

    /// `Notebook`.
    public var name: String { "Notebook" }

    /// `uri://jupyter-notebook`.
    public var canonicalURI: String { Self.canonicalTaskTypeURI }

    /// The ExecutionBroker URIs.
    public var aliases: [String] { Self.executionBrokerAliases }

    /// The summary and `taskinfo` fields for `GET /tasktypes`.
    public var documentation: TaskTypeDocumentation {
        TaskTypeDocumentation(
            summary: "A Jupyter notebook (nbformat 4), named by URL, by a file in a git repository, or sent inline, run with one kernel.",
            fields: [
                .init("notebook", required: true, "The https URL of the .ipynb file. One of notebook, repository + path, or content is required."),
                .init("repository", required: true, "The https URL of a git repository holding the notebook; needs path. One of notebook, repository + path, or content is required."),
                .init("path", "The notebook's path inside the repository, relative, without '..' segments."),
                .init("ref", "The commit id, tag or branch of the repository; a 40-hex commit id makes the run reproducible (default HEAD, with a warning)."),
                .init("content", required: true, "The notebook itself: an nbformat 4 document (4.0 to 4.5, newer minors with a warning), at most 10 MiB. One of notebook, repository + path, or content is required."),
                .init("kernel", "The kernelspec name to run the notebook with (such as python3); defaults to the notebook's metadata.kernelspec.name, then to the service's first kernel."),
            ])
    }

    /// Reads `taskinfo`.
    public func readTaskInfo(_ json: JSONValue, at path: JSONPointer, report: inout ValidationReport) -> NotebookTask? {
        NotebookTaskReader.read(json, at: path, report: &report)
    }

    /// Reads a service's `settings`: `kernels`, `hosts`, `allowhttp`, `allowprivate`.
    public func readSettings(_ json: JSONValue?, at path: JSONPointer, report: inout ValidationReport) -> NotebookSettings? {
        NotebookSettingsReader.read(json, at: path, report: &report)
    }

    /// Refuses plain http, local-only hosts, hosts off the list and kernels not on offer, as the settings say.
    public func policyReasons(for task: NotebookTask, settings: NotebookSettings, taskInfoPath: JSONPointer) -> [Reason] {
        NotebookPolicy.reasons(for: task, settings: settings, taskInfoPath: taskInfoPath)
    }

    /// `{endpoint, source, notebook, kernel}`.
    public func serviceInfo(for task: NotebookTask, endpoint: String, settings: NotebookSettings) -> NotebookServiceInfo {
        let kernel = task.effectiveKernel(settings)
        switch task.source {
        case .url(let notebook):
            return NotebookServiceInfo(endpoint: endpoint, source: "url", notebook: .url(notebook.url.text), kernel: kernel)
        case .repository(let file):
            return NotebookServiceInfo(endpoint: endpoint, source: "repository",
                notebook: .repository(repository: file.repository.text, ref: file.ref, path: file.path), kernel: kernel)
        case .content:
            return NotebookServiceInfo(endpoint: endpoint, source: "content", notebook: nil, kernel: kernel)
        }
    }
}
