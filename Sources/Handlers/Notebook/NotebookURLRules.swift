import PlannerKernel

/// The checks on the URLs a notebook task names: the `notebook` file URL and the `repository`
/// URL (formats.md §3.6). Policy questions (plain http, private hosts, allowed hosts) are left
/// to the settings; here a URL only has to be one a service could fetch.
enum NotebookURLRules {
    /// Reads `notebook`: an http(s) URL of the notebook file itself.
    static func readNotebookURL(_ text: String, at path: JSONPointer, report: inout ValidationReport) -> NotebookURL? {
        guard let parsed = parseFetchURL(text, at: path, what: "notebook", report: &report) else { return nil }
        let (url, host) = parsed
        let segments = url.path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        let lowerHost = url.host.lowercased()
        if lowerHost == "github.com" || lowerHost == "www.github.com", segments.count >= 4,
            segments[2] == "blob" || segments[2] == "tree"
        {
            let (owner, repository, ref) = (segments[0], segments[1], segments[3])
            let file = segments.dropFirst(4).joined(separator: "/")
            let page = segments[2] == "blob" ? "a GitHub page that shows the notebook" : "a GitHub page that lists a folder"
            report.problem(path, .notRawContent,
                "\"\(text.prefix(200))\" is \(page), not the notebook file",
                hint: "use https://raw.githubusercontent.com/\(owner)/\(repository)/\(ref)/\(file), or give "
                    + "{\"repository\": \"https://github.com/\(owner)/\(repository)\", \"ref\": \"\(ref)\", \"path\": \"\(file)\"}")
            return nil
        }
        if let blob = url.path.firstRange(of: "/-/blob/") {
            var raw = url.path
            raw.replaceSubrange(blob, with: "/-/raw/")
            report.problem(path, .notRawContent,
                "\"\(text.prefix(200))\" is a GitLab page that shows the notebook, not the notebook file",
                hint: "use the raw file: \(url.scheme)://\(url.host)\(url.port.map { ":\($0)" } ?? "")\(raw)")
            return nil
        }
        checkExtension(url.lastPathSegment, at: path, report: &report)
        if lowerHost == "raw.githubusercontent.com", segments.count >= 4 {
            let ref = segments[2] == "refs" && segments.count >= 5 ? segments[3] + "/" + segments[4] : segments[2]
            let refClass = GitRef.classify(ref)
            if !refClass.isPinned {
                report.warning(path, .unpinnedRef,
                    "the notebook URL names the ref \"\(ref.prefix(80))\", which \(refClass.why); pin a 40-hex commit id in the URL for a reproducible run")
            }
        }
        return NotebookURL(url: url, host: host)
    }

    /// Reads `repository`: the http(s) URL of a git repository.
    static func readRepositoryURL(_ text: String, at path: JSONPointer, report: inout ValidationReport) -> (WebURL, HostClassification)? {
        guard let parsed = parseFetchURL(text, at: path, what: "repository", report: &report) else { return nil }
        let url = parsed.0
        let segments = url.path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        if segments.isEmpty {
            report.problem(path, .invalidFormat, "\"\(text.prefix(200))\" names a host, not a repository",
                hint: "give the repository's URL, such as https://github.com/org/repo")
            return nil
        }
        let lowerHost = url.host.lowercased()
        if lowerHost == "github.com" || lowerHost == "www.github.com", segments.count > 2 {
            let base = "https://github.com/\(segments[0])/\(segments[1])"
            if segments.count >= 4, segments[2] == "blob" || segments[2] == "tree" {
                let file = segments.dropFirst(4).joined(separator: "/")
                report.problem(path, .invalidFormat,
                    "\"\(text.prefix(200))\" is a page inside a GitHub repository, not the repository",
                    hint: "split it: {\"repository\": \"\(base)\", \"ref\": \"\(segments[3])\", \"path\": \"\(file)\"}")
            } else {
                report.problem(path, .invalidFormat,
                    "\"\(text.prefix(200))\" is not a GitHub repository URL", hint: "write \(base)")
            }
            return nil
        }
        return parsed
    }

    /// Parses an http(s) URL and classifies its host, with helpful messages for other schemes.
    /// Credentials are never echoed.
    static func parseFetchURL(
        _ text: String, at path: JSONPointer, what: String, report: inout ValidationReport
    ) -> (WebURL, HostClassification)? {
        if let colon = text.firstIndex(of: ":") {
            let scheme = text[..<colon]
            let rest = text[text.index(after: colon)...]
            let looksLikeScheme = !scheme.isEmpty && scheme.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }
            if scheme.contains("@"), !rest.hasPrefix("//"), let at = scheme.lastIndex(of: "@") {
                let host = scheme[scheme.index(after: at)...]
                let repo = rest.hasSuffix(".git") ? rest.dropLast(4) : rest
                report.problem(path, .unsupportedScheme,
                    "the \(what) is written in the ssh form user@host:path, which a planner cannot hand to a service",
                    hint: "use the https URL, such as https://\(host)/\(repo)")
                return nil
            }
            if looksLikeScheme, !rest.hasPrefix("//"), scheme.contains(".") || rest.first?.isNumber == true {
                let shown = text.contains("@") ? "" : " \"\(text.prefix(200))\""  // never echo credentials
                report.problem(path, .invalidFormat, "the \(what) URL\(shown) has no scheme",
                    hint: shown.isEmpty ? "write it in full, starting with https://" : "write it in full: https://\(text.prefix(200))")
                return nil
            }
            if looksLikeScheme, scheme != "https", scheme != "http" {
                let lowered = scheme.lowercased()
                let hint: String
                switch lowered {
                case "https", "http": hint = "write the scheme in lower case: \(lowered)://"
                case "file": hint = "a file: URL names a file on one machine's disk; publish the notebook over https, or send it inline as content"
                default: hint = "publish the notebook over https, or send it inline as content"
                }
                report.problem(path, .unsupportedScheme,
                    "the \(what) URL uses the scheme \"\(scheme.prefix(20))\"; only https (and http where the service allows it) can be fetched",
                    hint: hint)
                return nil
            }
        }
        let url: WebURL
        do { url = try WebURL(parsing: text, schemes: ["https", "http"]) } catch {
            report.problems.append(error.problem(at: path))
            return nil
        }
        do { return (url, try HostClassification.classify(url.host)) } catch {
            report.problems.append(error.problem(at: path))
            return nil
        }
    }

    /// Warns when a notebook's file name does not end in `.ipynb`.
    static func checkExtension(_ fileName: String, at path: JSONPointer, report: inout ValidationReport) {
        if fileName.hasSuffix(".ipynb") { return }
        if fileName.hasSuffix(".jpnb") {
            report.warning(path, .unexpectedExtension,
                "the file name \"\(fileName.prefix(120))\" ends in .jpnb, a common misspelling of .ipynb; the file's content decides whether it is a notebook")
        } else {
            report.warning(path, .unexpectedExtension,
                "the file name \"\(fileName.prefix(120))\" does not end in .ipynb; the file's content decides whether it is a notebook")
        }
    }
}
