public import PlannerKernel

/// Where a task's chart comes from.
public enum HelmChartSource: Sendable, Hashable {
    /// A packaged chart at an http(s) URL (`https://example.org/charts/nginx-15.4.2.tgz`); the
    /// archive fixes the version.
    case archive(WebURL)
    /// A chart in an OCI registry.
    case oci(OCIChartReference)
    /// A chart looked up by name in a chart repository (an http(s) base URL serving `index.yaml`).
    case repository(WebURL, name: String)
}

/// Reads the `chart`, `repository` and `name` strings, with hints for the usual mistakes.
enum HelmChartLocation {
    /// Reads `chart`: an `oci://` reference or an http(s) archive URL.
    static func readChart(_ text: String, at path: JSONPointer, report: inout ValidationReport) -> HelmChartSource? {
        if text.hasPrefix("oci://") {
            do {
                return .oci(try OCIChartReference(parsing: text))
            } catch {
                report.problems.append(error.problem(at: path))
                return nil
            }
        }
        if let problem = schemeProblem(text) {
            report.problems.append(problem.problem(at: path))
            return nil
        }
        let url: WebURL
        do {
            url = try WebURL(parsing: text)
        } catch {
            report.problems.append(error.problem(at: path))
            return nil
        }
        let segment = url.lastPathSegment
        if segment.isEmpty {
            report.problem(path, .invalidFormat, "the chart URL \(quoted(text)) has no path: it must name the chart archive",
                hint: "give the archive's URL (such as \(url.scheme)://\(url.host)/charts/nginx-1.2.3.tgz), or give a chart repository as repository together with name")
            return nil
        }
        if segment == "index.yaml" {
            report.problem(path, .invalidFormat, "the chart URL \(quoted(text)) is a chart repository's index, not a chart",
                hint: "give the repository (without /index.yaml) as repository and the chart's name as name")
            return nil
        }
        if !segment.hasSuffix(".tgz") {
            report.warning(path, .archiveNotTgz,
                "the chart URL's last segment \(quoted(segment)) does not end in .tgz; Helm expects a packaged chart such as nginx-1.2.3.tgz")
        }
        return .archive(url)
    }

    /// Reads `repository`: an absolute http(s) URL without credentials.
    static func readRepository(_ text: String, at path: JSONPointer, report: inout ValidationReport) -> WebURL? {
        if text.hasPrefix("oci://") {
            report.problem(path, .invalidFormat, "repository is for http(s) chart repositories; an OCI registry is not one",
                hint: "give the whole reference in chart instead, such as \(text.hasSuffix("/") ? text : text + "/")<chart>")
            return nil
        }
        if !text.contains(":"), !text.hasPrefix("/"), !text.hasPrefix(".") {
            report.problem(path, .invalidFormat, "the repository \(quoted(text)) is not an absolute URL: it has no scheme",
                hint: "write https://\(text)")
            return nil
        }
        do {
            let url = try WebURL(parsing: text)
            if url.lastPathSegment == "index.yaml" {
                report.problem(path, .invalidFormat, "the repository URL \(quoted(text)) names the index file; Helm adds /index.yaml itself",
                    hint: "write \(text.dropLast("index.yaml".count + (text.hasSuffix("/index.yaml") ? 1 : 0)))")
                return nil
            }
            if url.lastPathSegment.hasSuffix(".tgz") {
                report.problem(path, .invalidFormat, "the repository URL \(quoted(text)) is a chart archive, not a repository",
                    hint: "give the archive's URL in chart and leave out repository and name")
                return nil
            }
            return url
        } catch {
            report.problems.append(error.problem(at: path))
            return nil
        }
    }

    /// A friendlier error than WebURL's for a chart without `http(s)://` or `oci://`, or `nil`.
    private static func schemeProblem(_ text: String) -> FormatError? {
        if let colon = text.firstIndex(of: ":"), colon > text.startIndex,
            text[..<colon].utf8.allSatisfy({ ASCII.isAlphanumeric($0) || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") })
        {
            let scheme = String(text[..<colon])
            let lower = scheme.lowercased()
            let afterScheme = text[text.index(after: colon)...]
            if lower == "http" || lower == "https" || lower == "oci" {
                if scheme != lower {
                    return FormatError(message: "the chart URL scheme \(quoted(scheme)) must be lower case", hint: "write \(lower):\(afterScheme)")
                }
                if lower == "oci" {
                    return FormatError(message: "\(quoted(text)) is not an OCI reference: oci: must be followed by //registry/",
                        hint: "write oci://\(afterScheme.drop(while: { $0 == "/" }))")
                }
                return nil
            }
            if afterScheme.hasPrefix("//") || ["file", "ftp", "ftps", "s3", "gs", "git", "ssh", "sftp"].contains(lower) {
                return FormatError(message: "the chart URL scheme \(quoted(scheme.prefix(20))) is not supported; a chart is fetched with https://, http:// or oci://",
                    hint: lower == "file" ? "a local file means nothing to a remote service: publish the chart and give its URL" : nil)
            }
        }
        if text.hasPrefix("/") || text.hasPrefix("./") || text.hasPrefix("../") || text.hasPrefix("~") || text == "." {
            return FormatError(message: "the chart \(quoted(text)) is a local path, which means nothing to a remote service",
                hint: "publish the chart and give its URL (https://…/name-1.2.3.tgz or oci://registry/…/name)")
        }
        let segments = text.split(separator: "/", omittingEmptySubsequences: false)
        guard let first = segments.first else { return nil }
        let firstLooksLikeHost = first.contains(".") || first.contains(":") || first == "localhost"
        if firstLooksLikeHost {
            if text.hasSuffix(".tgz") {
                return FormatError(message: "the chart \(quoted(text)) is not an absolute URL: it has no scheme", hint: "write https://\(text)")
            }
            return FormatError(message: "the chart \(quoted(text)) has no scheme: Helm needs oci:// for a registry or https:// for an archive",
                hint: "for a chart in an OCI registry write oci://\(text); for an archive write https://\(text)")
        }
        if segments.count == 2, !segments[1].isEmpty, KubernetesNames.chartNameProblem(String(segments[1])) == nil {
            return FormatError(
                message: "\(quoted(text)) looks like a repository alias (\(segments[0])/…), which only the Helm client that added it knows",
                hint: "give the repository's URL in repository and \(quoted(segments[1])) in name")
        }
        if segments.count == 1, KubernetesNames.chartNameProblem(text) == nil {
            return FormatError(message: "\(quoted(text)) is a bare chart name; a chart must be found somewhere",
                hint: "give the chart repository's URL in repository and \(quoted(text)) in name, or a full URL in chart")
        }
        return nil
    }
}
