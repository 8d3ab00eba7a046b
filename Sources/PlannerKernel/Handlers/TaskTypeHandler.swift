/// The extension point: everything plannerd knows about one task type.
///
/// A handler is a value, registered explicitly at start-up (see ``TaskTypeRegistry``). It is keyed
/// by a canonical task-type URI plus aliases, all compared as exact strings. It reads its own
/// `taskinfo` and its own per-service operator `settings`, reporting **every** problem at once with
/// JSON Pointer paths and stable codes, may refuse a valid task on policy grounds (a `NO` with
/// reasons, not an error), and describes where to send the task (`serviceinfo`).
///
/// Handlers read `JSONValue`s with ``FieldReader`` rather than `Decodable`, because a decoder stops
/// at its first error and the contract asks for all of them.
///
/// ```swift
/// struct EchoHandler: TaskTypeHandler {
///     var canonicalURI: String { "uri://echo" }
///     func readTaskInfo(_ json: JSONValue, at path: JSONPointer, report: inout ValidationReport) -> String? { … }
///     func readSettings(_ json: JSONValue, at path: JSONPointer, report: inout ValidationReport) -> EchoSettings? { … }
///     func serviceInfo(for task: String, endpoint: String, settings: EchoSettings) -> EchoServiceInfo { … }
/// }
/// ```
public protocol TaskTypeHandler: Sendable {
    /// The validated, normalised `taskinfo`.
    associatedtype TaskInfo: Sendable
    /// A service's operator settings for this handler (its `settings` block), validated at start-up.
    associatedtype Settings: Sendable
    /// What the answer's `serviceinfo` holds (it always includes `endpoint`).
    associatedtype ServiceInfo: Encodable & Sendable

    /// A short name for messages and listings, such as `DockerContainer`.
    var name: String { get }
    /// The canonical task-type URI.
    var canonicalURI: String { get }
    /// Other URIs that mean the same task type (compared exactly).
    var aliases: [String] { get }
    /// A one-line description and the `taskinfo` fields, for `GET /tasktypes`.
    var documentation: TaskTypeDocumentation { get }

    /// Reads `taskinfo` (at `path`, normally `/taskinfo`); returns `nil` when any problem was reported.
    /// Warnings (a mutable tag, say) go into `report.warnings`.
    func readTaskInfo(_ json: JSONValue, at path: JSONPointer, report: inout ValidationReport) -> TaskInfo?

    /// Reads a service's `settings` block (`nil` when the service has none) at `path`.
    func readSettings(_ json: JSONValue?, at path: JSONPointer, report: inout ValidationReport) -> Settings?

    /// The policy refusals of `task` under `settings`, each with class `policy`; empty to accept.
    func policyReasons(for task: TaskInfo, settings: Settings, taskInfoPath: JSONPointer) -> [Reason]

    /// Where and how to send `task` on a service with this `endpoint` and `settings`.
    func serviceInfo(for task: TaskInfo, endpoint: String, settings: Settings) -> ServiceInfo
}

extension TaskTypeHandler {
    /// No aliases by default.
    public var aliases: [String] { [] }

    /// Accepts everything by default.
    public func policyReasons(for task: TaskInfo, settings: Settings, taskInfoPath: JSONPointer) -> [Reason] { [] }

    /// Every URI this handler answers to: the canonical one first.
    public var allURIs: [String] { [canonicalURI] + aliases }
}

/// A handler's self-description for `GET /tasktypes` and `plannerd tasktypes`.
public struct TaskTypeDocumentation: Sendable, Hashable, Codable {
    /// One sentence: what kind of task this is.
    public var summary: String
    /// The `taskinfo` fields.
    public var fields: [Field]

    /// One `taskinfo` field.
    public struct Field: Sendable, Hashable, Codable {
        /// The key.
        public var name: String
        /// Whether it is required (or one of a required choice, see `description`).
        public var required: Bool
        /// What it holds.
        public var description: String

        /// A field description.
        public init(_ name: String, required: Bool = false, _ description: String) {
            self.name = name
            self.required = required
            self.description = description
        }
    }

    /// A description.
    public init(summary: String, fields: [Field]) {
        self.summary = summary
        self.fields = fields
    }
}
