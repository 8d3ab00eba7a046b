/// A stable kebab-case code that names a kind of problem, reason or warning.
///
/// Codes are values, not an enum, so new codes (a handler's own included) never break clients
/// or the kernel's API. The kernel's own codes are the static members below.
public struct ProblemCode: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    /// The kebab-case spelling.
    public var rawValue: String

    /// A code from its kebab-case spelling.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// A code from a literal.
    public init(stringLiteral value: String) { self.rawValue = value }

    /// The kebab-case spelling.
    public var description: String { rawValue }

    /// Encodes as a plain string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// Decodes from a plain string.
    public init(from decoder: any Decoder) throws {
        self.rawValue = try decoder.singleValueContainer().decode(String.self)
    }
}

extension ProblemCode {
    // Document level (400).
    /// The body is not valid JSON (or YAML).
    public static let invalidJSON: ProblemCode = "invalid-json"
    /// The body is not valid YAML, or uses a YAML feature plannerd refuses (anchors, aliases, several documents).
    public static let invalidYAML: ProblemCode = "invalid-yaml"
    /// The body is not valid UTF-8.
    public static let invalidEncoding: ProblemCode = "invalid-encoding"
    /// An object has the same key twice.
    public static let duplicateKey: ProblemCode = "duplicate-key"
    /// The document nests too deeply.
    public static let tooDeep: ProblemCode = "too-deep"
    /// A number does not fit in int64 or double.
    public static let numberOutOfRange: ProblemCode = "number-out-of-range"
    /// The document is not a JSON object.
    public static let notAnObject: ProblemCode = "not-an-object"

    // Field level (422).
    /// A required field is absent.
    public static let missingField: ProblemCode = "missing-field"
    /// A field has the wrong JSON type.
    public static let wrongType: ProblemCode = "wrong-type"
    /// A key that is not part of the document's shape.
    public static let unknownField: ProblemCode = "unknown-field"
    /// A string that does not follow its grammar.
    public static let invalidFormat: ProblemCode = "invalid-format"
    /// A value outside its allowed range.
    public static let outOfRange: ProblemCode = "out-of-range"
    /// A string or collection longer than allowed.
    public static let tooLong: ProblemCode = "too-long"
    /// A minimum greater than its maximum.
    public static let minAboveMax: ProblemCode = "min-above-max"
    /// Fields that may not be given together, or none of a required choice.
    public static let conflictingFields: ProblemCode = "conflicting-fields"
    /// The task type is not an absolute URI.
    public static let invalidURI: ProblemCode = "invalid-uri"

    // Reasons for NO.
    /// No handler knows the task type.
    public static let unsupportedTaskType: ProblemCode = "unsupported-tasktype"
    /// The ask is larger than a service's per-task limit.
    public static let exceedsLimit: ProblemCode = "exceeds-limit"
    /// The service's free capacity is too small in the asked window.
    public static let exceedsCapacity: ProblemCode = "exceeds-capacity"
    /// The caller may not use the service.
    public static let notPermitted: ProblemCode = "not-permitted"
    /// A handler's operator settings refuse this taskinfo.
    public static let refusedByPolicy: ProblemCode = "refused-by-policy"
    /// No start inside the asked windows is possible.
    public static let outsideWindow: ProblemCode = "outside-window"
    /// The task type is known but no configured service accepts it.
    public static let noService: ProblemCode = "no-service"
}
