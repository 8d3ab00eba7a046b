import PlannerKernel

/// What a git ref names, as far as can be told from its spelling.
enum GitRef: Equatable {
    /// A full commit id (40 hex digits for SHA-1, 64 for SHA-256): fixed content.
    case commit
    /// `refs/tags/…` or a version-like name (`v1.2`, `2024.05`): fixed by convention.
    case tag
    /// A 7–39 digit hex prefix of a commit id: may become ambiguous.
    case abbreviatedCommit
    /// Anything else (`main`, `HEAD`, `refs/heads/…`, `feature/x`): can move.
    case branch

    /// Whether the ref names fixed content.
    var isPinned: Bool { self == .commit || self == .tag }

    /// Why a ref that is not pinned may change, as a clause.
    var why: String {
        switch self {
        case .abbreviatedCommit: "is an abbreviated commit id that may become ambiguous"
        case .branch: "looks like a branch and can move to other commits"
        case .commit, .tag: "is pinned"
        }
    }

    /// Classifies a ref by its spelling.
    static func classify(_ ref: String) -> GitRef {
        let isHex = !ref.isEmpty && ref.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x66) }
        if isHex && (ref.utf8.count == 40 || ref.utf8.count == 64) { return .commit }
        if isHex && (7...39).contains(ref.utf8.count) && ref.utf8.contains(where: { $0 > 0x39 }) { return .abbreviatedCommit }
        if ref.hasPrefix("refs/tags/") { return .tag }
        var name = Substring(ref)
        if name.first == "v" || name.first == "V" { name = name.dropFirst() }
        if let first = name.first, first.isASCII, first.isNumber, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || ".+-_".contains($0)) }) {
            return .tag
        }
        return .branch
    }

    /// Why `ref` is not a valid git ref name (`git check-ref-format` rules), or `nil`.
    static func problem(in ref: String) -> FormatError? {
        let shown = "\"\(ref.prefix(80))\""
        if let bad = ref.unicodeScalars.first(where: { $0.value < 0x21 || $0.value == 0x7F || "~^:?*[\\".unicodeScalars.contains($0) }) {
            let what = bad == " " ? "a space" : (bad.value < 0x21 || bad.value == 0x7F ? "a control character" : "'\(bad)'")
            return FormatError(message: "the ref \(shown) contains \(what), which git does not allow in a ref name")
        }
        if ref.contains("..") || ref.contains("@{") || ref.contains("//") || ref == "@" {
            return FormatError(message: "the ref \(shown) is not a valid git ref name (it may not contain '..', '@{' or '//', nor be '@')")
        }
        if ref.hasPrefix("-") || ref.hasPrefix("/") || ref.hasPrefix(".") || ref.hasSuffix("/") || ref.hasSuffix(".") || ref.hasSuffix(".lock") {
            return FormatError(message: "the ref \(shown) is not a valid git ref name (it may not start with '-', '/' or '.', nor end with '/', '.' or '.lock')")
        }
        return nil
    }
}

/// The checks on a notebook's `path` inside a repository.
enum RepositoryPath {
    /// The longest accepted path.
    static let maximumLength = 1024

    /// The path with `.` segments removed, or `nil` after reporting why it is unusable.
    static func read(_ path: String, at pointer: JSONPointer, report: inout ValidationReport) -> String? {
        let shown = "\"\(path.prefix(200))\""
        if path.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            report.problem(pointer, .invalidFormat, "the path \(shown) contains a control character")
            return nil
        }
        if path.contains("\\") {
            report.problem(pointer, .invalidFormat, "the path \(shown) contains '\\'",
                hint: "separate folders with '/': \(path.replacingBackslashes().prefix(200))")
            return nil
        }
        if path.hasPrefix("/") {
            let relative = String(path.drop(while: { $0 == "/" }))
            report.problem(pointer, .absolutePath, "the path \(shown) is absolute; it must be relative to the repository's top folder",
                hint: relative.isEmpty ? "name the notebook file, such as notebooks/analysis.ipynb" : "write \(relative.prefix(200))")
            return nil
        }
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        if segments.contains(where: { decodedDots($0) == ".." }) {
            report.problem(pointer, .pathTraversal, "the path \(shown) has a '..' segment, which could leave the repository",
                hint: "give the path from the repository's top folder without '..'")
            return nil
        }
        if segments.contains(where: \.isEmpty) {
            report.problem(pointer, .invalidFormat, "the path \(shown) has an empty segment ('//' or a trailing '/')",
                hint: "name one file, such as notebooks/analysis.ipynb")
            return nil
        }
        let kept = segments.filter { decodedDots($0) != "." }
        guard !kept.isEmpty else {
            report.problem(pointer, .invalidFormat, "the path \(shown) names the repository's top folder, not a notebook file",
                hint: "name one file, such as notebooks/analysis.ipynb")
            return nil
        }
        let canonical = kept.joined(separator: "/")
        NotebookURLRules.checkExtension(String(kept[kept.count - 1]), at: pointer, report: &report)
        return canonical
    }

    /// A segment with `%2e`/`%2E` read as `.`, so that encoded `..` is caught too.
    static func decodedDots(_ segment: Substring) -> String {
        guard segment.contains("%") else { return String(segment) }
        return String(segment.replacing("%2e", with: ".").replacing("%2E", with: "."))
    }
}

extension String {
    fileprivate func replacingBackslashes() -> String {
        String(map { $0 == "\\" ? "/" : $0 })
    }
}
