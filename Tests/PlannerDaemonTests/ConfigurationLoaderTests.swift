import Foundation
import PlannerDaemon
import PlannerKernel
import Testing

@Suite("Configuration layers: file < environment < flags; the demo configuration", .enabled(if: ConfigurationFixture.hasHandlers))
struct ConfigurationLoaderTests {
    static let file = """
        http: { host: 10.0.0.1, port: 8080, maxbody: 2Mi }
        planning: { lookahead: 12h, maxoffers: 3, maxhold: 10m }
        services:
        \(ConfigurationFixture.service)
        """

    @Test("the override variables are named PLANNERD_<SECTION>_<KEY>")
    func variableNames() {
        #expect(ConfigurationLoader.overridableKeys.map(ConfigurationLoader.environmentVariable(for:)) == [
            "PLANNERD_HTTP_HOST", "PLANNERD_HTTP_PORT", "PLANNERD_HTTP_MAXBODY", "PLANNERD_HTTP_IDLETIMEOUT",
            "PLANNERD_PLANNING_LOOKAHEAD", "PLANNERD_PLANNING_MAXOFFERS", "PLANNERD_PLANNING_MAXHOLD",
            "PLANNERD_STORAGE_SQLITE", "PLANNERD_STORAGE_POSTGRES",
        ])
    }

    @Test("without overrides the file's values are used")
    func fileOnly() async throws {
        let configuration = try #require(await ConfigurationFixture.configuration(Self.file))
        #expect(configuration.http == HTTPSettings(host: "10.0.0.1", port: 8080, maxbody: 2 << 20))
        #expect(configuration.planning == PlanningOptions(lookahead: TaskDuration(hours: 12), maxoffers: 3, maxhold: TaskDuration(minutes: 10)))
    }

    @Test("each environment variable overrides its key in the file")
    func environmentOverrides() async throws {
        let environment = [
            "PLANNERD_HTTP_HOST": "0.0.0.0", "PLANNERD_HTTP_PORT": "9090", "PLANNERD_HTTP_MAXBODY": "4Mi", "PLANNERD_HTTP_IDLETIMEOUT": "5m",
            "PLANNERD_PLANNING_LOOKAHEAD": "PT36H", "PLANNERD_PLANNING_MAXOFFERS": "7", "PLANNERD_PLANNING_MAXHOLD": "90s",
            "PLANNERD_SERVICES": "ignored", "PLANNERD_HTTP_TLS": "ignored", "HTTP_PORT": "1",
        ]
        let configuration = try #require(await ConfigurationFixture.configuration(Self.file, environment: environment))
        #expect(configuration.http == HTTPSettings(host: "0.0.0.0", port: 9090, maxbody: 4 << 20, idletimeout: TaskDuration(minutes: 5)))
        #expect(configuration.planning == PlanningOptions(lookahead: TaskDuration(hours: 36), maxoffers: 7, maxhold: TaskDuration(seconds: 90)))
        #expect(configuration.services.map(\.name) == ["docker-uws"])
    }

    @Test("an environment variable sets a key the file leaves out")
    func environmentFillsIn() async throws {
        let yaml = "services:\n\(ConfigurationFixture.service)\n"
        let configuration = try #require(await ConfigurationFixture.configuration(yaml, environment: ["PLANNERD_HTTP_PORT": "0", "PLANNERD_HTTP_MAXBODY": "1048576000"]))
        #expect(configuration.http.port == 0)
        #expect(configuration.http.maxbody == 1_048_576_000)
        #expect(configuration.http.host == "127.0.0.1")
    }

    @Test("flags override both the environment and the file")
    func flagsOverride() async throws {
        let environment = ["PLANNERD_HTTP_HOST": "0.0.0.0", "PLANNERD_HTTP_PORT": "9090", "PLANNERD_PLANNING_MAXOFFERS": "7"]
        let flags: [[String]: String] = [["http", "host"]: "::1", ["http", "port"]: "7070"]
        let configuration = try #require(await ConfigurationFixture.configuration(Self.file, environment: environment, flags: flags))
        #expect(configuration.http.host == "::1")
        #expect(configuration.http.port == 7070)
        #expect(configuration.planning.maxoffers == 7)
        #expect(configuration.http.maxbody == 2 << 20)
    }

    @Test("a host that looks like a number stays a host")
    func numericHost() async throws {
        let configuration = try #require(await ConfigurationFixture.configuration(Self.file, environment: ["PLANNERD_HTTP_HOST": "1234"]))
        #expect(configuration.http.host == "1234")
    }

    static let badOverrides: [(variable: String, value: String, key: String, code: ProblemCode, hint: String?)] = [
        ("PLANNERD_HTTP_PORT", "70000", "http.port", .outOfRange, nil),
        ("PLANNERD_HTTP_PORT", "http", "http.port", .wrongType, nil),
        ("PLANNERD_HTTP_PORT", "", "http.port", .wrongType, nil),
        ("PLANNERD_HTTP_MAXBODY", "1g", "http.maxbody", .invalidFormat, "1Gi"),
        ("PLANNERD_PLANNING_LOOKAHEAD", "1d", "planning.lookahead", .invalidFormat, "24h"),
        ("PLANNERD_PLANNING_MAXOFFERS", "0", "planning.maxoffers", .outOfRange, nil),
        ("PLANNERD_PLANNING_MAXHOLD", "15", "planning.maxhold", .invalidFormat, "15m"),
        ("PLANNERD_HTTP_HOST", "", "http.host", .invalidFormat, nil),
    ]

    @Test("a bad environment value is reported at its key, naming the variable", arguments: badOverrides)
    func badEnvironmentValue(variable: String, value: String, key: String, code: ProblemCode, hint: String?) async throws {
        let (path, error) = try #require(await ConfigurationFixture.error(Self.file, environment: [variable: value]))
        #expect(error.keys == [key])
        let problem = try #require(error.problem(at: key))
        #expect(problem.code == code)
        #expect(problem.message.hasSuffix("(set by environment variable \(variable))"), "\(problem.message)")
        if let hint { #expect(problem.hint?.contains(hint) == true, "\(problem.hint ?? "no hint")") }
        #expect(error.description.hasPrefix("\(path): \(key): "))
    }

    @Test("a bad flag value is reported at its key, naming the flag, even when the environment sets it too")
    func badFlagValue() async throws {
        let (_, error) = try #require(await ConfigurationFixture.error(
            Self.file, environment: ["PLANNERD_HTTP_PORT": "9090"], flags: [["http", "port"]: "70000"]))
        #expect(error.keys == ["http.port"])
        #expect(error.problems.first?.message.hasSuffix("(set by --port)") == true)
    }

    @Test("a problem in the file itself is not attributed to an override of another key")
    func fileProblemNotAttributed() async throws {
        let yaml = "http: { port: 70000 }\nservices:\n\(ConfigurationFixture.service)\n"
        let (_, error) = try #require(await ConfigurationFixture.error(yaml, environment: ["PLANNERD_HTTP_HOST": "0.0.0.0"]))
        #expect(error.keys == ["http.port"])
        #expect(error.problems.first?.message.contains("set by") == false)
    }

    @Test("an override does not hide a section the file gets wrong")
    func overrideKeepsBadSection() async throws {
        let yaml = "http: 8080\nplanning: [ 24h ]\nservices:\n\(ConfigurationFixture.service)\n"
        let environment = ["PLANNERD_HTTP_PORT": "9090", "PLANNERD_PLANNING_LOOKAHEAD": "12h"]
        let (_, error) = try #require(await ConfigurationFixture.error(yaml, environment: environment))
        #expect(error.keys == ["http", "planning"])
        #expect(error.problems.allSatisfy { $0.code == .wrongType })
    }

    @Test("overrides do not excuse other problems in the file")
    func overridesAndFileProblems() async throws {
        let yaml = "http: { port: 70000 }\nservices: []\n"
        let (_, error) = try #require(await ConfigurationFixture.error(yaml, flags: [["http", "port"]: "8081"]))
        #expect(error.keys == ["services"])
    }

    @Test("a missing or unreadable file is an error naming the file", arguments: ["missing.yaml", ""])
    func missingFile(name: String) async throws {
        let directory = try ConfigurationFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = name.isEmpty ? directory.path : directory.appendingPathComponent(name).path
        let error = try #require(await ConfigurationFixture.loadFile(path).failure)
        #expect(error.source == path)
        #expect(error.problems.count == 1)
        #expect(error.description == "\(path): (whole file): the configuration file cannot be read (missing, or not readable)")
    }

    @Test("no file: the built-in demo configuration of API.md §7")
    func demo() async throws {
        let configuration = try await ConfigurationFixture.loadFile(nil).get()
        #expect(configuration.source == DemoConfiguration.source)
        #expect(configuration.http == HTTPSettings(host: "127.0.0.1", port: 8080, maxbody: 1 << 20))
        #expect(configuration.planning == PlanningOptions())
        var expected: [String] = []
        #if DockerContainer
        expected.append("docker-uws")
        #endif
        #if KubernetesHelm
        expected.append("kws")
        #endif
        #if Notebook
        expected.append("jupyter")
        #endif
        #expect(configuration.services.map(\.name) == expected)
        let registry = try ConfigurationFixture.registry()
        let planner = try configuration.makePlanner(registry: registry)
        #expect(planner.services.map(\.name) == expected)
    }

    @Test("the demo services: three services with the seed talk's limits")
    func demoServices() {
        let services = DemoConfiguration.services
        #expect(services.map(\.name) == ["docker-uws", "kws", "jupyter"])
        #expect(services.map(\.tasktypes) == [["uri://docker-container"], ["uri://kubernetes-helm"], ["uri://jupyter-notebook"]])
        #expect(services.map(\.servicetype) == ["uri://docker-uws", "uri://kubernetes-helm", "uri://jupyterhub"])
        #expect(services.map(\.endpoint) == ["http://example.org/uws", "http://example.org/kws", "http://example.org/jupyter"])
        #expect(services.map(\.limits.maxcores) == [10, 240, 4])
        #expect(services.map { $0.limits.maxmemory?.canonical } == ["10G", "400G", "16G"])
        #expect(services.map { $0.limits.maxduration?.canonical } == ["20m", "9h30m", "8h"])
        #expect(services.allSatisfy { $0.defaults == ServiceDefaults() && $0.settings == nil })
    }

    @Test("the demo keeps only the services whose task type is compiled in")
    func demoFiltered() throws {
        #expect(DemoConfiguration.configuration(for: try TaskTypeRegistry([])).services.isEmpty)
    }

    @Test("environment variables and flags override the demo configuration too")
    func demoOverrides() async throws {
        let configuration = try await ConfigurationFixture.loadFile(
            nil, environment: ["PLANNERD_HTTP_PORT": "9090", "PLANNERD_PLANNING_MAXOFFERS": "2"], flags: [["http", "host"]: "0.0.0.0"]).get()
        #expect(configuration.http.port == 9090)
        #expect(configuration.http.host == "0.0.0.0")
        #expect(configuration.planning.maxoffers == 2)
        #expect(configuration.source == DemoConfiguration.source)
    }

    @Test("a bad override of the demo configuration names the variable and the demo")
    func demoBadOverride() async throws {
        let error = try #require(await ConfigurationFixture.loadFile(nil, environment: ["PLANNERD_HTTP_PORT": "-5"]).failure)
        #expect(error.description == "the built-in demo configuration: http.port: -5 is outside 0…65535 (set by environment variable PLANNERD_HTTP_PORT)")
    }

    @Test("the process environment is the default")
    func processEnvironment() {
        #expect(ConfigurationLoader().environment == ProcessInfo.processInfo.environment)
        #expect(ConfigurationLoader(environment: ["A": "b"]).environment == ["A": "b"])
    }
}
