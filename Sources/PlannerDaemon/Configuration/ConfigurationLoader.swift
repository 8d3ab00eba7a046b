import Configuration
import Foundation
public import PlannerKernel

/// Loads the configuration from its layers: the YAML file, then environment variables
/// (`PLANNERD_HTTP_PORT`, …), then command-line flags, each overriding the one before.
///
/// The file is read strictly (unknown keys and bad values are errors naming the key and the file);
/// the environment and flag layers may set the scalar keys listed in ``overridableKeys``, and a bad
/// value there is an error naming the variable or flag.
public struct ConfigurationLoader: Sendable {
    /// The keys that environment variables and flags may override, as configuration key paths.
    public static let overridableKeys: [[String]] = [
        ["http", "host"], ["http", "port"], ["http", "maxbody"],
        ["planning", "lookahead"], ["planning", "maxoffers"], ["planning", "maxhold"],
    ]

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
            document = Self.setting(document, at: key, to: Self.scalar(text))
            origins[pointer] = flags[key] != nil ? "--\(key.last ?? "")" : "environment variable \(Self.environmentVariable(for: key))"
        }
        var configuration: PlannerConfiguration
        do {
            configuration = try ConfigurationReader.read(document, source: source)
        } catch {
            throw Self.attribute(error, origins: origins)
        }
        if file == nil {
            configuration.services = DemoConfiguration.configuration(for: registry).services
        }
        return configuration
    }

    /// Parses a YAML (or JSON) configuration file.
    static func readFile(_ path: String) throws(ConfigurationError) -> JSONValue {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigurationError(source: path, problems: [Problem(path: .root, code: .missingField, message: "the configuration file cannot be read (missing, or not readable)")])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigurationError(source: path, problems: [Problem(path: .root, code: .invalidEncoding, message: "the configuration file is not UTF-8")])
        }
        do {
            return try YAMLDocumentReader().parse(text)
        } catch {
            throw ConfigurationError(source: path, problems: error.problems)
        }
    }

    /// A string from the environment or a flag, typed the way YAML would type it.
    static func scalar(_ text: String) -> JSONValue {
        if let integer = Int64(text) { return .integer(integer) }
        if text == "true" { return .bool(true) }
        if text == "false" { return .bool(false) }
        return .string(text)
    }

    static func setting(_ document: JSONValue, at key: [String], to value: JSONValue) -> JSONValue {
        guard let first = key.first else { return value }
        var object = document.objectValue ?? JSONObject()
        object[first] = setting(object[first] ?? [:], at: Array(key.dropFirst()), to: value)
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
