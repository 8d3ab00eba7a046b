import PlannerKernel

/// Reads a helm `taskinfo` object, reporting every problem at once: each field on its own, then
/// how the fields fit together (one chart source, a version that agrees with it).
struct HelmTaskInfoReader {
    /// Where the `taskinfo` is.
    let path: JSONPointer

    /// The task, or `nil` with problems in `report`.
    func read(_ json: JSONValue, report: inout ValidationReport) -> HelmTaskInfo? {
        let start = report.problems.count
        guard let fields = FieldReader(json, at: path, allowedKeys: HelmTaskInfo.fieldNames,
            what: "an object naming a chart (chart, or repository and name)", report: &report)
        else { return nil }

        let chart = fields.string("chart", maxLength: WebURL.maximumLength, allowEmpty: true, report: &report)
            .flatMap { text -> HelmChartSource? in
                guard !text.isEmpty else {
                    report.problem(fields.pointer("chart"), .invalidFormat, "chart is empty",
                        hint: "give an https://…/name-1.2.3.tgz or oci://registry/…/name reference")
                    return nil
                }
                return HelmChartLocation.readChart(text, at: fields.pointer("chart"), report: &report)
            }
        let repository = fields.string("repository", maxLength: WebURL.maximumLength, report: &report)
            .flatMap { HelmChartLocation.readRepository($0, at: fields.pointer("repository"), report: &report) }
        let name = fields.string("name", maxLength: 4096, allowEmpty: true, report: &report)
            .flatMap { readName($0, at: fields.pointer("name"), report: &report) }
        var version = readVersion(fields, report: &report)
        let values = fields.value("values", report: &report)
            .flatMap { HelmValuesLimits.read($0, at: fields.pointer("values"), report: &report) }
        let release = fields.string("release", maxLength: 4096, allowEmpty: true, report: &report)
            .flatMap { checked($0, KubernetesNames.releaseProblem, at: fields.pointer("release"), report: &report) }
        let namespace = fields.string("namespace", maxLength: 4096, allowEmpty: true, report: &report)
            .flatMap { checked($0, KubernetesNames.namespaceProblem, at: fields.pointer("namespace"), report: &report) }

        checkOneSource(fields, report: &report)
        var source: HelmChartSource?
        if let chart {
            source = chart
        } else if let repository, let name, !fields.has("chart") {
            source = .repository(repository, name: name)
        }
        if case .oci(let reference) = chart {
            (source, version) = reconcile(reference, version: version, fields: fields, report: &report)
        }
        if case .archive(let url) = chart, fields.has("version") {
            report.problem(fields.pointer("version"), .conflictingFields,
                "a chart archive URL fixes the version (\(quoted(url.lastPathSegment)) is what gets installed), so version cannot choose another",
                hint: "remove version, or name the chart by repository and name to choose a version")
        }
        if let source, report.problems.count == start {
            let task = HelmTaskInfo(source: source, version: version, values: values, release: release, namespace: namespace)
            if !task.isPinned && version == nil {
                report.warning(fields.pointer("version"), .unpinnedVersion,
                    "no version is given, so the newest stable release at install time is used; the task is not reproducible")
            } else if !task.isPinned, let version {
                report.warning(fields.pointer("version"), .unpinnedVersion,
                    "the version \(quoted(version.description)) is a constraint, resolved at install time; the task is not reproducible (give an exact version such as 1.2.3)")
            }
            return task
        }
        return nil
    }

    /// Reads `version`, which must be a string (a YAML number gets a hint to quote it).
    private func readVersion(_ fields: FieldReader, report: inout ValidationReport) -> HelmVersionRequirement? {
        guard let value = fields.value("version", report: &report) else { return nil }
        switch value {
        case .string(let text):
            return HelmVersionRequirement.read(text, at: fields.pointer("version"), report: &report)
        case .integer(let number):
            report.problem(fields.pointer("version"), .wrongType, "the version must be a string, found the number \(number)",
                hint: "quote it, and write all three parts: \"\(number).0.0\"")
        case .real:
            report.problem(fields.pointer("version"), .wrongType, "the version must be a string, found a number (YAML reads 1.10 as 1.1)",
                hint: "quote the version, such as \"1.10.0\"")
        default:
            report.problem(fields.pointer("version"), .wrongType, "the version must be a string, found \(value.typeDescription)")
        }
        return nil
    }

    /// Checks `name` against Helm's chart name rule and warns when it breaks the best practice.
    private func readName(_ name: String, at path: JSONPointer, report: inout ValidationReport) -> String? {
        if let problem = KubernetesNames.chartNameProblem(name) {
            report.problems.append(problem.problem(at: path))
            return nil
        }
        if !KubernetesNames.isConventionalChartName(name) {
            report.warning(path, .chartNameStyle,
                "the chart name \(quoted(name)) breaks Helm's naming convention (lower-case letters and digits, words separated by '-'); check it is spelled as in the repository")
        }
        return name
    }

    /// `text` when `check` finds no problem; otherwise the problem goes to `report`.
    private func checked(_ text: String, _ check: (String) -> FormatError?, at path: JSONPointer, report: inout ValidationReport) -> String? {
        guard let problem = check(text) else { return text }
        report.problems.append(problem.problem(at: path))
        return nil
    }

    /// Exactly one source: `chart`, or `repository` with `name`.
    private func checkOneSource(_ fields: FieldReader, report: inout ValidationReport) {
        let hasChart = fields.has("chart")
        let hasRepository = fields.has("repository")
        let hasName = fields.has("name")
        if hasChart && (hasRepository || hasName) {
            let other = hasRepository ? "repository" : "name"
            report.problem(fields.pointer(other), .conflictingFields,
                "chart and \(hasRepository && hasName ? "repository + name" : other) are two ways to name a chart; give one",
                hint: "keep chart (a full URL or oci:// reference), or remove it and keep repository with name")
        } else if !hasChart && !hasRepository && !hasName {
            report.problem(fields.pointer("chart"), .missingField,
                "no chart is named: give chart (an https://…/name-1.2.3.tgz or oci://registry/…/name reference), or repository and name")
        } else if hasRepository && !hasName {
            report.problem(fields.pointer("name"), .missingField, "name is required with repository: the chart's name in that repository")
        } else if hasName && !hasRepository {
            report.problem(fields.pointer("repository"), .missingField,
                "repository is required with name: the URL of the chart repository that serves the chart",
                hint: "such as https://charts.example.org/stable")
        }
    }

    /// An OCI reference and `version` must agree: the version fills in a missing tag, and a tag
    /// and a version that differ are a conflict (Helm's "chart reference and version mismatch").
    private func reconcile(
        _ reference: OCIChartReference, version: HelmVersionRequirement?, fields: FieldReader, report: inout ValidationReport
    ) -> (HelmChartSource, HelmVersionRequirement?) {
        guard let tagged = reference.taggedVersion else {
            if case .exact(let exact) = version {
                return (.oci(reference.withTag(exact.ociTag)), version)
            }
            return (.oci(reference), version)
        }
        if let version, version.exactVersion?.ociTag != tagged.ociTag {
            report.problem(fields.pointer("version"), .conflictingFields,
                "the version \(quoted(version.description)) disagrees with the chart reference's tag \(quoted(tagged.description))",
                hint: "remove version (the tag already pins the chart), or make them the same")
        }
        return (.oci(reference), .exact(tagged))
    }
}
