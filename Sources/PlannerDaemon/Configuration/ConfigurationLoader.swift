import Configuration
import Foundation
public import PlannerKernel

/// Loads the configuration from its layers: the YAML file, then environment variables
/// (`PLANNERD_HTTP_PORT`, …), then command-line flags, each overriding the one before.
///
/// The file is read strictly (unknown keys and bad values are errors naming the key and the file),
/// and each service's task types and handler `settings` are checked against the registry in the
/// same run; the environment and flag layers may set the scalar keys listed in
/// ``overridableKeys``, and a bad value there is an error naming the variable or flag.
public struct ConfigurationLoader: Sendable {
    /// The keys that environment variables and flags may override, as configuration key paths.
    public static let overridableKeys: [[String]] = [
        ["http", "host"], ["http", "port"], ["http", "maxbody"], ["http", "idletimeout"],
        ["planning", "lookahead"], ["planning", "maxoffers"], ["planning", "maxhold"],
        ["storage", "sqlite"], ["storage", "postgres"],
    ]

    /// The overridable keys that choose the storage engine.
    static let storageKeys: [[String]] = [["storage", "sqlite"], ["storage", "postgres"]]

    /// The environment to read overrides from (the process's by default).
    public var environment: [String: String]

    /// A loader reading the given environment (the process's when `nil`).
    public init(environment: [String: String]? = nil) {
        self.environment = environment ?? ProcessInfo.processInfo.environment
    }

    /// The environment variable that overrides `key` (`["http", "port"]` → `PLANNERD_HTTP_PORT`).
    public static func environmentVariable(for key: [String]) -> String {
        (["PLANNERD"] + key).joined(separator: "_").uppercased()
    }

    /// Loads `file` (or the built-in demo configuration when `nil`) and applies overrides.
    /// - Parameter flags: command-line overrides by key path (`["http", "port"]: "9090"`).
    public func load(file: String?, flags: [[String]: String] = [:], registry: TaskTypeRegistry) async throws(ConfigurationError) -> PlannerConfiguration {
        let source = file ?? DemoConfiguration.source
        var document: JSONValue
        if let file {
            document = try Self.readFile(file)
        } else {
            document = [:]
        }
        var origins: [JSONPointer: String] = [:]
        let reader = ConfigReader(providers: [
            InMemoryProvider(name: "flags", values: Dictionary(uniqueKeysWithValues: flags.map { (AbsoluteConfigKey(["plannerd"] + $0.key), ConfigValue(.string($0.value), isSecret: false)) })),
            EnvironmentVariablesProvider(environmentVariables: environment),
        ])
        for key in Self.overridableKeys {
            guard let text = reader.string(forKey: ConfigKey(["plannerd"] + key)) else { continue }
            let pointer = JSONPointer(tokens: key)
            if key.first == "storage" {
                // One storage replaces another: the override is the whole block, and a flag beats
                // an environment variable even when they name different engines.
                let fromFlag = flags[key] != nil
                if !fromFlag, Self.storageKeys.contains(where: { flags[$0] != nil }) { continue }
                document = Self.setting(document, at: ["storage"], to: .object(JSONObject([.init(key: key[1], value: .string(text))])))
            } else {
                document = Self.setting(document, at: key, to: Self.scalar(text, for: key))
            }
            origins[pointer] = flags[key] != nil ? "--\(key.last ?? "")" : "environment variable \(Self.environmentVariable(for: key))"
        }
        let reading = ConfigurationReader.readAll(document, source: source, requireServices: file != nil)
        var configuration = reading.configuration
        var indices = reading.serviceIndices
        if file == nil {
            configuration.services = DemoConfiguration.configuration(for: registry).services
            indices = Array(configuration.services.indices)
        }
        // Task types and handler settings of the services that did read, so that one run
        // reports every problem in the file.
        var report = ValidationReport()
        _ = PlannerConfiguration.bind(Array(zip(indices, configuration.services)), registry: registry, report: &report)
        let problems = Self.inDocumentOrder(reading.problems + report.problems)
        guard problems.isEmpty else { throw Self.attribute(ConfigurationError(source: source, problems: problems), origins: origins) }
        return configuration
    }

    /// `problems` with each service's problems together, in the order of the services (a stable
    /// sort: the reader's problems of a service come before its handlers').
    static func inDocumentOrder(_ problems: [Problem]) -> [Problem] {
        func serviceIndex(_ problem: Problem) -> Int {
            let tokens = problem.path.tokens
            guard tokens.first == "services" else { return -1 }
            return tokens.count > 1 ? Int(tokens[1]) ?? -1 : -1
        }
        return problems.enumerated()
            .sorted { ($0.element.path.tokens.first == "services" ? 1 : 0, serviceIndex($0.element), $0.offset) < ($1.element.path.tokens.first == "services" ? 1 : 0, serviceIndex($1.element), $1.offset) }
            .map(\.element)
    }

    /// Parses a YAML (or JSON) configuration file.
    static func readFile(_ path: String) throws(ConfigurationError) -> JSONValue {
        guard var data = FileManager.default.contents(atPath: path) else {
            throw ConfigurationError(source: path, problems: [Problem(path: .root, code: .missingField, message: "the configuration file cannot be read (missing, or not readable)")])
        }
        // Editors on Windows may start a file with a UTF-8 byte-order mark; it carries nothing,
        // so it is dropped here (on every platform alike) rather than refused.
        if data.starts(with: [0xEF, 0xBB, 0xBF]) { data.removeFirst(3) }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigurationError(source: path, problems: [Problem(path: .root, code: .invalidEncoding, message: "the configuration file is not UTF-8")])
        }
        do {
            return try YAMLDocumentReader().parse(text)
        } catch {
            throw ConfigurationError(source: path, problems: error.problems)
        }
    }

    /// The overridable keys whose values are integers; the others (a host, a quantity, a
    /// duration) stay strings, so `PLANNERD_HTTP_HOST=1234` is a host, not a number.
    static let integerKeys: Set<[String]> = [["http", "port"], ["planning", "maxoffers"]]

    /// A string from the environment or a flag, typed as the file would have it for `key`.
    static func scalar(_ text: String, for key: [String]) -> JSONValue {
        if integerKeys.contains(key), let integer = Int64(text) { return .integer(integer) }
        return .string(text)
    }

    /// `document` with the member at `key` set to `value`. A section that the file gives as
    /// something other than a mapping (`http: 8080`) is left alone, so that the reader still
    /// reports it rather than the override silently replacing it.
    static func setting(_ document: JSONValue, at key: [String], to value: JSONValue) -> JSONValue {
        guard let first = key.first else { return value }
        var object: JSONObject
        switch document {
        case .object(let existing): object = existing
        case .null: object = JSONObject()
        default: return document
        }
        object[first] = setting(object[first] ?? .null, at: Array(key.dropFirst()), to: value)
        return .object(object)
    }

    /// Names the flag or variable for problems in overridden keys.
    static func attribute(_ error: ConfigurationError, origins: [JSONPointer: String]) -> ConfigurationError {
        guard !origins.isEmpty else { return error }
        var error = error
        error.problems = error.problems.map { problem in
            guard let origin = origins[problem.path] else { return problem }
            var problem = problem
            problem.message = "\(problem.message) (set by \(origin))"
            return problem
        }
        return error
    }
}
