/// Why a `NO` (or part of one): where, what, which class, and what would be accepted instead
/// (API.md §3).
public struct Reason: Sendable, Hashable, Codable {
    /// JSON Pointer into the ask (`""` for the ask as a whole).
    public var path: JSONPointer
    /// The stable kebab-case code (`exceeds-limit`, `refused-by-policy`, …).
    public var code: ProblemCode
    /// The class: whether asking differently, later or as someone else could help.
    public var reasonClass: ReasonClass
    /// One sentence naming the asked value and the limit.
    public var message: String
    /// The limit that failed: a number, or a quantity/duration string.
    public var limit: JSONValue?
    /// The nearest ask that would be accepted: `resources` keys, or `{"start": …}`.
    public var nearest: JSONObject?
    /// Which service declined.
    public var service: String?

    enum CodingKeys: String, CodingKey {
        case path, code, reasonClass = "class", message, limit, nearest, service
    }

    /// A reason.
    public init(
        path: JSONPointer, code: ProblemCode, reasonClass: ReasonClass, message: String,
        limit: JSONValue? = nil, nearest: JSONObject? = nil, service: String? = nil
    ) {
        self.path = path
        self.code = code
        self.reasonClass = reasonClass
        self.message = message
        self.limit = limit
        self.nearest = nearest
        self.service = service
    }

    /// A policy refusal by a handler's operator settings (`refused-by-policy`, class `policy`).
    public static func policy(
        _ path: JSONPointer, _ message: String, code: ProblemCode = .refusedByPolicy, limit: JSONValue? = nil
    ) -> Reason {
        Reason(path: path, code: code, reasonClass: .policy, message: message, limit: limit)
    }
}

/// Whether a `NO` could turn into a `YES`, and how (API.md §3).
public enum ReasonClass: String, Sendable, Hashable, Codable, CaseIterable {
    /// No handler knows the task type.
    case unsupported
    /// Larger than any service's limit: asking again will not help, asking smaller will.
    case never
    /// This identity or this taskinfo is not allowed.
    case policy
    /// Capacity is busy in the asked window: asking later may help.
    case notNow = "not-now"
}
