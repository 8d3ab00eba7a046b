public import PlannerKernel

/// A validated plannerd configuration (API.md §7): where to listen, how to plan, which services.
public struct PlannerConfiguration: Sendable {
    /// Where and how the HTTP server listens.
    public var http: HTTPSettings
    /// Ranking and bounds of answers.
    public var planning: PlanningOptions
    /// The services, in the order they were declared.
    public var services: [ServiceConfiguration]
    /// Where held offers and bookings are kept.
    public var storage: StorageSettings = .builtIn
    /// Who may ask, and whose tokens are trusted.
    public var auth = AuthSettings()
    /// Where the configuration came from (a file path, or "the built-in demo configuration").
    public var source: String

    /// A configuration.
    public init(http: HTTPSettings = HTTPSettings(), planning: PlanningOptions = PlanningOptions(), services: [ServiceConfiguration], source: String) {
        self.http = http
        self.planning = planning
        self.services = services
        self.source = source
    }
}

/// The `http` block: address and body limit.
public struct HTTPSettings: Sendable, Hashable {
    /// The address to bind (built in: 127.0.0.1).
    public var host: String
    /// The port to bind; 0 picks a free one (built in: 8080).
    public var port: Int
    /// The largest request body accepted, in bytes (built in: 1Mi).
    public var maxbody: Int64
    /// How long a connection may stay idle — between requests, or with a request arriving no
    /// further — before the daemon closes it (built in: 60s).
    public var idletimeout: TaskDuration

    /// Settings; the built-in values are 127.0.0.1, 8080, 1Mi and 60s.
    public init(host: String = "127.0.0.1", port: Int = 8080, maxbody: Int64 = 1 << 20, idletimeout: TaskDuration = TaskDuration(seconds: 60)) {
        self.host = host
        self.port = port
        self.maxbody = maxbody
        self.idletimeout = idletimeout
    }
}

/// One entry of `services`: what it runs, where it is, how big a task may be, handler settings.
public struct ServiceConfiguration: Sendable {
    /// The operator's name for the service, unique in the file.
    public var name: String
    /// The task types it accepts, as written (canonical URIs or aliases).
    public var tasktypes: [String]
    /// The service type URI returned to clients.
    public var servicetype: String
    /// Where clients send tasks.
    public var endpoint: String
    /// Per-task limits.
    public var limits: ServiceLimits
    /// What a task gets when the ask names neither min nor max.
    public var defaults: ServiceDefaults
    /// The shared pool and the capacity set aside, when the service has a pool.
    public var capacity: CapacityConfiguration?
    /// The handler-specific `settings` block, checked by each handler at start-up.
    public var settings: JSONValue?
    /// Who may use the service (its `allow` block; everyone when absent).
    public var allow: ServiceAccess

    /// A service.
    public init(
        name: String, tasktypes: [String], servicetype: String, endpoint: String,
        limits: ServiceLimits = ServiceLimits(), defaults: ServiceDefaults = ServiceDefaults(),
        capacity: CapacityConfiguration? = nil, settings: JSONValue? = nil, allow: ServiceAccess = .everyone
    ) {
        self.name = name
        self.tasktypes = tasktypes
        self.servicetype = servicetype
        self.endpoint = endpoint
        self.limits = limits
        self.defaults = defaults
        self.capacity = capacity
        self.settings = settings
        self.allow = allow
    }
}

/// A configuration that cannot be used; lists every problem with the key that has it.
public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    /// The file (or other source) the problems are in.
    public var source: String
    /// Every problem, with JSON Pointer paths into the configuration.
    public var problems: [Problem]

    /// An error.
    public init(source: String, problems: [Problem]) {
        self.source = source
        self.problems = problems
    }

    /// One line per problem: `source: key: message (hint)`.
    public var description: String {
        problems.map { problem in
            let key = Self.keyPath(problem.path)
            return "\(source): \(key.isEmpty ? "(whole file)" : key): \(problem.message)" + (problem.hint.map { " (\($0))" } ?? "")
        }.joined(separator: "\n")
    }

    /// `/services/0/limits/maxcores` → `services[0].limits.maxcores`.
    public static func keyPath(_ pointer: JSONPointer) -> String {
        var text = ""
        for token in pointer.tokens {
            if !token.isEmpty, token.allSatisfy({ $0.isASCII && $0.isNumber }) {
                text += "[\(token)]"
            } else {
                text += text.isEmpty ? token : ".\(token)"
            }
        }
        return text
    }
}
