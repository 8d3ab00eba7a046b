/// Why a string does not follow its grammar (a quantity, a duration, a URI, an image reference, …),
/// with a hint where the mistake is a common one.
public struct FormatError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The problem code (`invalid-format`, `out-of-range`, `too-long`).
    public var code: ProblemCode
    /// What is wrong, naming the input.
    public var message: String
    /// What to write instead, when there is an obvious fix.
    public var hint: String?

    /// An error.
    public init(code: ProblemCode = .invalidFormat, message: String, hint: String? = nil) {
        self.code = code
        self.message = message
        self.hint = hint
    }

    /// The message and hint.
    public var description: String { message + (hint.map { "; \($0)" } ?? "") }

    /// This error as a problem at `path`.
    public func problem(at path: JSONPointer) -> Problem {
        Problem(path: path, code: code, message: message, hint: hint)
    }
}

