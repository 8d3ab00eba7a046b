import Foundation
import PlannerDaemon
import PlannerKernel
import Testing

/// Helpers shared by the configuration tests: configuration files written to a fresh temporary
/// directory, loaded through ``ConfigurationLoader`` with a controlled environment.
enum ConfigurationFixture {
    /// The registry of the handlers compiled into this build.
    static func registry() throws -> TaskTypeRegistry {
        try TaskTypeRegistry(CompiledInHandlers.all)
    }

    /// Whether this build has any handler: without one, no configuration file can load (every
    /// service needs a compiled-in task type), so the suites that load files are disabled.
    static let hasHandlers = !CompiledInHandlers.all.isEmpty

    /// A task type this build knows, for tests about keys and values rather than handlers.
    static let taskType = CompiledInHandlers.all.first?.canonicalURI ?? "uri://docker-container"

    /// A valid service. Indented as an item of `services:`; append its further keys with four spaces.
    static let service = """
          - name: docker-uws
            tasktypes: [ "\(taskType)" ]
            servicetype: uri://docker-uws
            endpoint: http://example.org/uws
        """

    /// A fresh, empty temporary directory.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("plannerd-config-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes `text` to `name` in a fresh temporary directory and returns the file's path.
    static func write(_ text: String, name: String = "plannerd.yaml") throws -> String {
        let url = try temporaryDirectory().appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    /// Removes the temporary directory holding `path`.
    static func remove(_ path: String) {
        try? FileManager.default.removeItem(at: URL(fileURLWithPath: path).deletingLastPathComponent())
    }

    /// Writes `yaml` to a file and loads it with `environment` (empty unless given) and `flags`.
    static func load(
        _ yaml: String, environment: [String: String] = [:], flags: [[String]: String] = [:]
    ) async throws -> (path: String, outcome: Result<PlannerConfiguration, ConfigurationError>) {
        let path = try write(yaml)
        defer { remove(path) }
        let outcome = await loadFile(path, environment: environment, flags: flags)
        return (path, outcome)
    }

    /// Loads `path` (the demo configuration when `nil`).
    static func loadFile(
        _ path: String?, environment: [String: String] = [:], flags: [[String]: String] = [:]
    ) async -> Result<PlannerConfiguration, ConfigurationError> {
        do {
            let registry = try registry()
            return .success(try await ConfigurationLoader(environment: environment).load(file: path, flags: flags, registry: registry))
        } catch let error as ConfigurationError {
            return .failure(error)
        } catch {
            return .failure(ConfigurationError(source: "test", problems: [Problem(path: .root, code: "unexpected", message: "\(error)")]))
        }
    }

    /// The error of loading `yaml`, which must fail; `nil` (with a recorded issue) when it loads.
    static func error(
        _ yaml: String, environment: [String: String] = [:], flags: [[String]: String] = [:],
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> (path: String, error: ConfigurationError)? {
        let (path, outcome) = try await load(yaml, environment: environment, flags: flags)
        switch outcome {
        case .success:
            Issue.record("the configuration loaded, but it should have been refused:\n\(yaml)", sourceLocation: sourceLocation)
            return nil
        case .failure(let error):
            return (path, error)
        }
    }

    /// The configuration loaded from `yaml`, which must load; `nil` (with a recorded issue) when it fails.
    static func configuration(
        _ yaml: String, environment: [String: String] = [:], flags: [[String]: String] = [:],
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> PlannerConfiguration? {
        let (_, outcome) = try await load(yaml, environment: environment, flags: flags)
        switch outcome {
        case .success(let configuration):
            return configuration
        case .failure(let error):
            Issue.record("the configuration was refused:\n\(error.description)", sourceLocation: sourceLocation)
            return nil
        }
    }

    /// The path of the repository's `examples/plannerd.yaml`.
    static var examplePath: String {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("examples").appendingPathComponent("plannerd.yaml").path
    }
}

extension ConfigurationError {
    /// The problems' keys as operators read them (`services[0].limits.maxcores`), in order.
    var keys: [String] { problems.map { Self.keyPath($0.path) } }

    /// The first problem at `key`, if any.
    func problem(at key: String) -> Problem? {
        problems.first { Self.keyPath($0.path) == key }
    }
}

extension PlannerConfiguration {
    /// The planner for this configuration, or the error explaining why there is none.
    func plannerOutcome(registry: TaskTypeRegistry) -> Result<OfferPlanner, ConfigurationError> {
        do { return .success(try makePlanner(registry: registry)) } catch { return .failure(error) }
    }
}

extension Result {
    /// The error, when this is a failure.
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }

    /// The value, when this is a success.
    var success: Success? {
        if case .success(let value) = self { return value }
        return nil
    }
}
