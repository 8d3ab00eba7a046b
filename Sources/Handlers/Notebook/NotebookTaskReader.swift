import PlannerKernel

/// Reads a notebook `taskinfo`: exactly one source (`notebook`, `repository` + `path` (+ `ref`)
/// or `content`) and an optional `kernel`, reporting every problem at once.
enum NotebookTaskReader {
    /// Every `taskinfo` key.
    static let keys: Set<String> = ["notebook", "repository", "path", "ref", "content", "kernel"]
    /// The keys that each name a source, in the order they are reported.
    static let sourceKeys = ["notebook", "repository", "content"]
    /// An example of each source, for hints.
    static let sourceChoice = "give exactly one of notebook (the https URL of a .ipynb file), repository + path (+ ref), or content (the notebook itself)"

    static func read(_ json: JSONValue, at path: JSONPointer, report: inout ValidationReport) -> NotebookTask? {
        let before = report.problems.count
        guard let fields = FieldReader(json, at: path, allowedKeys: keys, what: "an object (the notebook's taskinfo)", report: &report) else {
            return nil
        }
        let given = sourceKeys.filter { fields.has($0) }
        checkSourceChoice(fields, given: given, at: path, report: &report)

        var source: NotebookSource?
        if let text = fields.string("notebook", maxLength: WebURL.maximumLength, report: &report),
            let url = NotebookURLRules.readNotebookURL(text, at: fields.pointer("notebook"), report: &report)
        {
            source = .url(url)
        }
        if let repository = readRepository(fields, report: &report) { source = .repository(repository) }
        var summary: NotebookContentSummary?
        if let content = fields.value("content", report: &report) {
            summary = NotebookDocumentValidator.validate(content, at: fields.pointer("content"), report: &report)
            if let summary { source = .content(summary) }
        }

        var kernel: NotebookKernelChoice?
        if let name = fields.string("kernel", maxLength: KernelName.maximumLength, report: &report) {
            if let error = KernelName.problem(in: name) {
                report.problems.append(error.problem(at: fields.pointer("kernel")))
            } else {
                kernel = NotebookKernelChoice(name: name, origin: .taskInfo)
            }
        } else if !fields.has("kernel"), given == ["content"], let summary {
            kernel = contentKernel(summary, at: path, report: &report)
        }
        guard report.problems.count == before, let source else { return nil }
        return NotebookTask(source: source, kernel: kernel)
    }

    /// Reports a missing source, more than one source, and `path`/`ref` without `repository`.
    static func checkSourceChoice(_ fields: FieldReader, given: [String], at path: JSONPointer, report: inout ValidationReport) {
        let strays = ["path", "ref"].filter { fields.has($0) }
        if given.isEmpty {
            if strays.isEmpty {
                report.problem(path, .conflictingFields, "the taskinfo names no notebook", hint: sourceChoice)
            } else {
                report.problem(fields.pointer("repository"), .missingField,
                    "\(strays.map { "\"\($0)\"" }.joined(separator: " and ")) name a file in a repository, but \"repository\" is missing",
                    hint: "add \"repository\": \"https://github.com/org/repo\", say")
            }
            return
        }
        for extra in given.dropFirst() {
            report.problem(fields.pointer(extra), .conflictingFields,
                "\"\(extra)\" and \"\(given[0])\" both name the notebook; give only one", hint: sourceChoice)
        }
        if !given.contains("repository") {
            for stray in strays {
                report.problem(fields.pointer(stray), .conflictingFields,
                    "\"\(stray)\" only goes with \"repository\"; this taskinfo names the notebook with \"\(given[0])\"",
                    hint: "remove \"\(stray)\"")
            }
        }
    }

    /// Reads `repository`, `path` and `ref`; `nil` when `repository` is absent or anything is wrong.
    static func readRepository(_ fields: FieldReader, report: inout ValidationReport) -> RepositoryNotebook? {
        guard fields.has("repository") else { return nil }
        let before = report.problems.count
        var parsed: (WebURL, HostClassification)?
        if let text = fields.string("repository", maxLength: WebURL.maximumLength, report: &report) {
            parsed = NotebookURLRules.readRepositoryURL(text, at: fields.pointer("repository"), report: &report)
        }
        var filePath: String?
        if fields.has("path") {
            if let text = fields.string("path", maxLength: RepositoryPath.maximumLength, report: &report) {
                filePath = RepositoryPath.read(text, at: fields.pointer("path"), report: &report)
            }
        } else {
            report.problem(fields.pointer("path"), .missingField, "\"path\" is required with \"repository\": which file is the notebook?",
                hint: "add \"path\": \"notebooks/analysis.ipynb\", say")
        }
        var ref = "HEAD"
        var pinned = false
        if let text = fields.string("ref", maxLength: 255, report: &report) {
            if let error = GitRef.problem(in: text) {
                report.problems.append(error.problem(at: fields.pointer("ref")))
            } else {
                let kind = GitRef.classify(text)
                ref = kind == .commit ? text.lowercased() : text
                pinned = kind.isPinned
                if !pinned {
                    report.warning(fields.pointer("ref"), .unpinnedRef,
                        "the ref \"\(text.prefix(80))\" \(kind.why), so a later run may use another version of the notebook; give a 40-hex commit id for a reproducible run")
                }
            }
        } else if !fields.has("ref") {
            report.warning(fields.pointer("ref"), .unpinnedRef,
                "no ref is given, so the repository's default branch (HEAD) is used and a later run may see another version of the notebook; give a 40-hex commit id for a reproducible run")
        }
        guard report.problems.count == before, let parsed, let filePath else { return nil }
        return RepositoryNotebook(repository: parsed.0, host: parsed.1, ref: ref, isPinned: pinned, path: filePath)
    }

    /// The kernel named by an inline notebook's `metadata.kernelspec.name`, or a problem when there is none usable.
    static func contentKernel(_ summary: NotebookContentSummary, at path: JSONPointer, report: inout ValidationReport) -> NotebookKernelChoice? {
        guard let name = summary.kernelspecName else {
            report.problem(path.appending("kernel"), .missingField,
                "the notebook in content has no metadata.kernelspec, so \"kernel\" is required to know what runs it",
                hint: "add \"kernel\": \"python3\" (or another kernel the service offers), or set metadata.kernelspec in the notebook")
            return nil
        }
        let choice = NotebookKernelChoice(name: name, origin: .content)
        if let error = KernelName.problem(in: name) {
            var problem = error.problem(at: choice.path(under: path))
            problem.hint = "give \"kernel\" in the taskinfo to name the kernel instead"
            report.problems.append(problem)
            return nil
        }
        return choice
    }
}
