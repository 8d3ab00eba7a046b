/// One broken promise of a handler, found by ``HandlerConformance``: which rule, what happened,
/// and what to change.
public struct ConformanceViolation: Sendable, Hashable, CustomStringConvertible {
    /// The promises a handler makes.
    public enum Rule: String, Sendable, Hashable, CaseIterable {
        /// The canonical URI and aliases are distinct absolute URIs.
        case uris
        /// The handler has a name, a summary and documented `taskinfo` fields.
        case documentation
        /// Every valid example is accepted without problems.
        case acceptsValidTaskInfo
        /// Every invalid example and every non-object is refused with at least one problem.
        case refusesInvalidTaskInfo
        /// Every problem and warning about `taskinfo` has a path inside `/taskinfo`.
        case pathsInsideTaskInfo
        /// A task comes back exactly when no problem was reported: a refusal without a problem
        /// would make the planner take the task type for an unknown one.
        case taskExactlyWhenValid
        /// Every problem has a message.
        case messages
        /// An unknown `taskinfo` key is an `unknown-field` problem at its own path.
        case unknownFields
        /// Two independent mistakes are both reported, not just the first.
        case everyProblem
        /// The same `taskinfo` is always read the same way.
        case deterministicReading
        /// The same ask is always planned the same way.
        case deterministicPlanning
        /// `serviceinfo` is a JSON object carrying the service's endpoint, the same through `Encodable` and `jsonDocument`.
        case serviceInfo
        /// Settings: defaults without a block, unknown keys refused, problems inside the block's path.
        case settings
    }

    /// The rule broken.
    public var rule: Rule
    /// What the handler did, with the input that showed it.
    public var what: String
    /// What to change in the handler.
    public var fix: String

    /// A violation.
    public init(_ rule: Rule, _ what: String, fix: String) {
        self.rule = rule
        self.what = what
        self.fix = fix
    }

    /// `[rule] what — fix: …`, one line.
    public var description: String { "[\(rule.rawValue)] \(what) — fix: \(fix)" }
}
