import PlannerKernel

/// The chart version a task asks for: an exact SemVer 2 version, or a Masterminds constraint that
/// the service resolves when it installs (and that may resolve differently tomorrow).
public enum HelmVersionRequirement: Sendable, Hashable, CustomStringConvertible {
    /// Exactly this version.
    case exact(SemanticVersion)
    /// The newest version matching this constraint, as written (`^15.0.0`, `1.2`, `>= 1.2, < 2`).
    case constraint(String)

    /// The version or constraint as written.
    public var description: String {
        switch self {
        case .exact(let version): version.description
        case .constraint(let text): text
        }
    }

    /// The exact version, when there is one.
    public var exactVersion: SemanticVersion? {
        if case .exact(let version) = self { return version }
        return nil
    }

    /// The version as a user wrote it in `version`: strict SemVer is exact; Helm's lenient forms
    /// (`v1.2.3`, `1.2`, `1`) become constraints with a `version-not-semver` warning; other valid
    /// constraints stay constraints. Problems and warnings go to `report` at `path`.
    static func read(_ text: String, at path: JSONPointer, report: inout ValidationReport) -> HelmVersionRequirement? {
        if text.utf8.count > SemanticVersion.maximumLength {
            report.problem(path, .tooLong, "the version is \(text.utf8.count) characters long; the limit is \(SemanticVersion.maximumLength)")
            return nil
        }
        let strictError: FormatError
        do {
            return .exact(try SemanticVersion(parsing: text))
        } catch {
            strictError = error
        }
        if SemanticVersion.isLenientVersion(text) {
            report.warning(path, .versionNotSemVer,
                "\(quoted(text)) is not a strict SemVer version, so it is read as a constraint: \(lenientMeaning(text))")
            return .constraint(text)
        }
        guard let constraintProblem = VersionConstraint.problem(in: text) else { return .constraint(text) }
        report.problems.append(rejection(text, strictError: strictError, constraintProblem: constraintProblem).problem(at: path))
        return nil
    }

    /// What a lenient version means as a Masterminds constraint.
    private static func lenientMeaning(_ text: String) -> String {
        let core = text.hasPrefix("v") ? String(text.dropFirst()) : text
        let numbers = core.split(whereSeparator: { $0 == "-" || $0 == "+" }).first?.split(separator: ".") ?? []
        switch numbers.count {
        case 1:
            let major = UInt64(numbers[0]) ?? 0
            return "any \(major).x.y release (>=\(major).0.0 <\(major + 1).0.0); write \(major).0.0 to pin it"
        case 2:
            let major = numbers[0]
            let minor = UInt64(numbers[1]) ?? 0
            return "any \(major).\(minor).x release (>=\(major).\(minor).0 <\(major).\(minor + 1).0); write \(major).\(minor).0 to pin it"
        default:
            return "=\(core); write \(core) to pin it"
        }
    }

    /// The most useful explanation of why `text` is neither a version nor a constraint.
    private static func rejection(_ text: String, strictError: FormatError, constraintProblem: String) -> FormatError {
        let omit = "omit version to get the newest stable release"
        if text.isEmpty {
            return FormatError(message: "the version is empty", hint: "\(omit), or give one such as 1.2.3")
        }
        let lowered = text.lowercased()
        if lowered == "latest" || lowered == "stable" || lowered == "newest" {
            return FormatError(message: "\(quoted(text)) is neither a SemVer version nor a constraint", hint: omit)
        }
        if text.hasPrefix("==") {
            return FormatError(message: "\(quoted(text)) is not a constraint: '==' is not an operator", hint: "write \(text.dropFirst())")
        }
        if text.contains("&&") {
            return FormatError(message: "\(quoted(text)) is not a constraint: '&&' is not an operator",
                hint: "separate the terms with a comma, as in \(text.replacingAnd())")
        }
        let looksLikeVersion = text.utf8.allSatisfy { ASCII.isAlphanumeric($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "_") }
            && text.utf8.first.map(ASCII.isDigit) == true
        if looksLikeVersion { return strictError }
        return FormatError(message: "\(quoted(text)) is neither a SemVer version (such as 1.2.3) nor a constraint (such as ^1.2.0 or >=1.2, <2): \(constraintProblem)")
    }
}

extension String {
    /// `&&` (with its spaces) replaced by `, `.
    fileprivate func replacingAnd() -> String {
        split(separator: "&&").map { $0.trimmingSpaces() }.joined(separator: ", ")
    }
}

extension Substring {
    /// The text without leading and trailing spaces.
    fileprivate func trimmingSpaces() -> String {
        String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
    }
}
