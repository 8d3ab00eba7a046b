/// One thing wrong with a document: where (JSON Pointer), what (stable code) and why (a sentence).
///
/// Problems make `4xx` answers (API.md §4); handlers report every problem they find at once.
public struct Problem: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Where in the document, as a JSON Pointer (`""` for the document as a whole).
    public var path: JSONPointer
    /// The stable code.
    public var code: ProblemCode
    /// One sentence a user can act on.
    public var message: String
    /// An optional suggestion of what to write instead.
    public var hint: String?

    /// A problem at `path`.
    public init(path: JSONPointer, code: ProblemCode, message: String, hint: String? = nil) {
        self.path = path
        self.code = code
        self.message = message
        self.hint = hint
    }

    /// `path: message (hint)`.
    public var description: String {
        "\(path.description.isEmpty ? "(document)" : path.description): \(message)" + (hint.map { " (\($0))" } ?? "")
    }
}

/// A note that does not stop the answer: a mutable image tag, an unpinned chart version, …
public struct PlanWarning: Sendable, Hashable, Codable {
    /// Where in the ask, as a JSON Pointer.
    public var path: JSONPointer
    /// The stable code.
    public var code: ProblemCode
    /// One sentence.
    public var message: String

    /// A warning at `path`.
    public init(path: JSONPointer, code: ProblemCode, message: String) {
        self.path = path
        self.code = code
        self.message = message
    }
}

/// The problems and warnings gathered while reading one document.
public struct ValidationReport: Sendable, Hashable {
    /// Everything that makes the document invalid.
    public var problems: [Problem] = []
    /// Notes that do not make it invalid.
    public var warnings: [PlanWarning] = []

    /// An empty report.
    public init() {}

    /// Whether no problem was found.
    public var isValid: Bool { problems.isEmpty }

    /// Records a problem.
    public mutating func problem(_ path: JSONPointer, _ code: ProblemCode, _ message: String, hint: String? = nil) {
        problems.append(Problem(path: path, code: code, message: message, hint: hint))
    }

    /// Records a warning.
    public mutating func warning(_ path: JSONPointer, _ code: ProblemCode, _ message: String) {
        warnings.append(PlanWarning(path: path, code: code, message: message))
    }

    /// Appends another report's problems and warnings.
    public mutating func merge(_ other: ValidationReport) {
        problems += other.problems
        warnings += other.warnings
    }
}
