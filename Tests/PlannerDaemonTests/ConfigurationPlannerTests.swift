import Foundation
import PlannerDaemon
import PlannerKernel
import Testing

@Suite("Configuration: binding services to handlers (task types and settings)")
struct ConfigurationPlannerTests {
    /// Loads `yaml` (whose keys and values must read) and binds it: the planner, or the loader's
    /// error. The loader checks task types and settings itself; this also checks that
    /// `makePlanner` finds the same problems in the same configuration read without the loader.
    func bind(_ yaml: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> (path: String, outcome: Result<OfferPlanner, ConfigurationError>) {
        let registry = try ConfigurationFixture.registry()
        let (path, loaded) = try await ConfigurationFixture.load(yaml)
        let read = try ConfigurationReader.read(try YAMLDocumentReader().parse(yaml), source: "test.yaml")
        let direct = read.plannerOutcome(registry: registry)
        #expect(loaded.failure?.problems == direct.failure?.problems, "the loader and makePlanner disagree", sourceLocation: sourceLocation)
        switch loaded {
        case .success(let configuration): return (path, configuration.plannerOutcome(registry: registry))
        case .failure(let error): return (path, .failure(error))
        }
    }

    /// The error of binding `yaml`, which must read but not bind.
    func bindingError(_ yaml: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> (path: String, error: ConfigurationError) {
        let (path, outcome) = try await bind(yaml, sourceLocation: sourceLocation)
        let error = try #require(outcome.failure, "the configuration bound, but should not have", sourceLocation: sourceLocation)
        return (path, error)
    }

    /// Asks `planner` for a task and returns the answer.
    func ask(_ planner: OfferPlanner, _ document: JSONValue) throws -> Answer {
        switch planner.plan(document, now: Date(timeIntervalSince1970: 1_800_000_000)) {
        case .answer(let answer): return answer
        case .invalid(let problems):
            Issue.record("the ask was invalid: \(problems)")
            throw CancellationError()
        }
    }

    @Test("a task type no compiled-in handler knows is reported at services[i].tasktypes[j]")
    func unknownTaskType() async throws {
        let yaml = RefusedConfiguration.service() + """
              - name: other
                tasktypes: [ "uri://docker-container", "uri://no-such-type" ]
                servicetype: uri://other
                endpoint: http://example.org/other
            """
        let (path, outcome) = try await bind(yaml)
        #if DockerContainer
        let error = try #require(outcome.failure)
        #expect(error.keys == ["services[1].tasktypes[1]"])
        let problem = try #require(error.problems.first)
        #expect(problem.code == .unsupportedTaskType)
        #expect(problem.message.contains("uri://no-such-type"))
        #expect(problem.hint?.contains("uri://docker-container") == true)
        #expect(error.description.hasPrefix("\(path): services[1].tasktypes[1]: "))
        #else
        #expect(outcome.failure?.keys.contains("services[1].tasktypes[1]") == true)
        #endif
    }

    @Test("a task type listed twice in one service (here as canonical URI and alias) is refused")
    func sameTaskTypeTwice() async throws {
        #if DockerContainer
        let yaml = RefusedConfiguration.service(tasktypes: "[ \"uri://docker-container\", \"uri:docker-container-1.0\" ]")
        let (_, error) = try await bindingError(yaml)
        #expect(error.keys == ["services[0].tasktypes[1]"])
        #expect(error.problems.first?.code == .conflictingFields)
        #expect(error.problems.first?.message.contains("tasktypes[0]") == true)
        #endif
    }

    #if DockerContainer
    static let badDockerSettings: [RefusedConfiguration] = [
        .init(yaml: RefusedConfiguration.service("settings: { registries: \"docker.io\" }"), key: "services[0].settings.registries", code: .wrongType, message: "array"),
        .init(yaml: RefusedConfiguration.service("settings: { registry: [ docker.io ] }"), key: "services[0].settings.registry", code: .unknownField, message: "privileged, registries"),
        .init(yaml: RefusedConfiguration.service("settings: { Privileged: true }"), key: "services[0].settings.Privileged", code: .unknownField, hint: "did you mean \"privileged\"?"),
        .init(yaml: RefusedConfiguration.service("settings: { registries: [] }"), key: "services[0].settings.registries", code: .invalidFormat, message: "empty"),
        .init(yaml: RefusedConfiguration.service("settings: { registries: [ docker.io, \"https://ghcr.io\" ] }"), key: "services[0].settings.registries[1]", code: .invalidFormat),
        .init(yaml: RefusedConfiguration.service("settings: { privileged: \"no\" }"), key: "services[0].settings.privileged", code: .wrongType),
        .init(yaml: RefusedConfiguration.service("settings: { privileged: no }"), key: "services[0].settings.privileged", code: .wrongType),
        .init(yaml: RefusedConfiguration.service("settings: { platforms: [ linux/AMD64 ] }"), key: "services[0].settings.platforms[0]", code: .invalidFormat),
        .init(yaml: RefusedConfiguration.service("settings: [ docker.io ]"), key: "services[0].settings", code: .wrongType),
    ]

    @Test("bad docker-container settings are reported at services[i].settings…", arguments: badDockerSettings)
    func badDockerSetting(_ refused: RefusedConfiguration) async throws {
        let (path, error) = try await bindingError(refused.yaml)
        let problem = try #require(error.problem(at: refused.key), "no problem at \(refused.key); got:\n\(error.description)")
        #expect(problem.code == refused.code, "\(error.description)")
        if let message = refused.message { #expect(problem.message.contains(message), "\(problem.message)") }
        if let hint = refused.hint { #expect(problem.hint?.contains(hint) == true, "\(problem.hint ?? "no hint")") }
        #expect(error.description.contains("\(path): \(refused.key): "))
    }

    @Test("docker-container settings are applied to the service's answers")
    func dockerSettingsApplied() async throws {
        let yaml = RefusedConfiguration.service("settings: { registries: [ ghcr.io ], platforms: [ linux/arm64 ] }")
        let planner = try #require(try await bind(yaml).outcome.success)
        let answer = try ask(planner, ["tasktype": "uri://docker-container", "taskinfo": ["image": "docker.io/library/ubuntu:24.04"]])
        #expect(answer.responseword == .no)
        #expect(answer.reasons.map(\.path.description).sorted() == ["/taskinfo/image", "/taskinfo/platform"])
        #expect(answer.reasons.allSatisfy { $0.code == .refusedByPolicy })
    }
    #endif

    #if KubernetesHelm
    @Test("bad kubernetes-helm settings are reported at services[i].settings…")
    func badHelmSettings() async throws {
        let yaml = RefusedConfiguration.service(tasktypes: "[ uri://kubernetes-helm ]", "settings: { charthosts: [ \"https://ghcr.io/org\" ], defaultnamespace: kube-system, deniednamespace: [] }")
        let (_, error) = try await bindingError(yaml)
        #expect(Set(error.keys) == ["services[0].settings.charthosts[0]", "services[0].settings.defaultnamespace", "services[0].settings.deniednamespace"])
        #expect(error.problem(at: "services[0].settings.charthosts[0]")?.hint?.contains("ghcr.io") == true)
    }
    #endif

    #if Notebook
    @Test("bad jupyter-notebook settings are reported at services[i].settings…")
    func badNotebookSettings() async throws {
        let yaml = RefusedConfiguration.service(tasktypes: "[ uri://jupyter-notebook ]", "settings: { kernels: [], allowhttp: yes, host: [ example.org ] }")
        let (_, error) = try await bindingError(yaml)
        #expect(Set(error.keys) == ["services[0].settings.kernels", "services[0].settings.allowhttp", "services[0].settings.host"])
        #expect(error.problem(at: "services[0].settings.allowhttp")?.code == .wrongType)
    }
    #endif

    #if DockerContainer && Notebook
    static let twoTypes = """
        services:
          - name: mixed
            tasktypes: [ "uri://docker-container", "uri://jupyter-notebook" ]
            servicetype: uri://mixed
            endpoint: http://example.org/mixed

        """

    @Test("a service with two task types keys its settings by task type")
    func settingsKeyedByTaskType() async throws {
        let yaml = Self.twoTypes + """
                settings:
                  "uri://docker-container": { registries: [ ghcr.io ] }
                  "uri://jupyter-notebook": { kernels: [ ir ] }
            """
        let planner = try #require(try await bind(yaml).outcome.success)
        #expect(planner.services.first?.taskTypes.keys.sorted() == ["uri://docker-container", "uri://jupyter-notebook"])
        let docker = try ask(planner, ["tasktype": "uri://docker-container", "taskinfo": ["image": "docker.io/library/ubuntu:24.04"]])
        #expect(docker.reasons.map(\.path.description) == ["/taskinfo/image"])
        let notebook = try ask(planner, ["tasktype": "uri://jupyter-notebook", "taskinfo": ["notebook": "https://example.org/a.ipynb", "kernel": "python3"]])
        #expect(notebook.reasons.map(\.path.description) == ["/taskinfo/kernel"])
        let allowed = try ask(planner, ["tasktype": "uri://jupyter-notebook", "taskinfo": ["notebook": "https://example.org/a.ipynb"]])
        #expect(allowed.responseword == .yes)
    }

    @Test("settings keys follow the task types as written, aliases included; a missing key means defaults")
    func settingsKeyedByAlias() async throws {
        let yaml = """
            services:
              - name: mixed
                tasktypes: [ "uri:docker-container-1.0", "uri://jupyter-notebook" ]
                servicetype: uri://mixed
                endpoint: http://example.org/mixed
                settings:
                  "uri:docker-container-1.0": { privileged: true }
            """
        let planner = try #require(try await bind(yaml).outcome.success)
        let image = "ubuntu@sha256:" + String(repeating: "a", count: 64)
        let privileged = try ask(planner, ["tasktype": "uri://docker-container", "taskinfo": ["image": .string(image), "privileged": true]])
        #expect(privileged.responseword == .yes)
    }

    @Test("problems in keyed settings are reported under the task type's key")
    func keyedSettingsProblems() async throws {
        let yaml = Self.twoTypes + """
                settings:
                  "uri://docker-container": { registries: docker.io }
                  "uri://jupyter-notebook": { kernel: [ ir ] }
            """
        let (path, error) = try await bindingError(yaml)
        #expect(error.keys == ["services[0].settings.uri://docker-container.registries", "services[0].settings.uri://jupyter-notebook.kernel"])
        #expect(error.description.contains("\(path): services[0].settings.uri://docker-container.registries: "))
    }

    static let unkeyedSettings: [(settings: String, keys: [String], code: ProblemCode)] = [
        // Flat settings for a two-type service: each key is reported, not silently ignored.
        ("{ registries: [ ghcr.io ], kernels: [ ir ] }", ["services[0].settings.registries", "services[0].settings.kernels"], .unknownField),
        // A misspelt task type.
        ("{ \"uri://docker-containr\": { privileged: true } }", ["services[0].settings.uri://docker-containr"], .unknownField),
        // The canonical URI when the service lists an alias.
        ("{ \"uri:docker-container-1.0\": {} }", ["services[0].settings.uri:docker-container-1.0"], .unknownField),
        ("[ ghcr.io ]", ["services[0].settings"], .wrongType),
    ]

    @Test("settings of a two-type service that are not keyed by its task types are refused", arguments: unkeyedSettings)
    func badKeyedSettings(settings: String, keys: [String], code: ProblemCode) async throws {
        let (_, error) = try await bindingError(Self.twoTypes + "    settings: \(settings)\n")
        #expect(error.keys == keys, "\(error.description)")
        #expect(error.problems.allSatisfy { $0.code == code })
        #expect(error.problems.allSatisfy { $0.hint?.contains("\"uri://docker-container\": {") == true })
    }
    #endif

    #if DockerContainer && KubernetesHelm && Notebook
    @Test("every binding problem of every service is reported at once")
    func everyBindingProblem() async throws {
        let yaml = """
            services:
              - { name: a, tasktypes: [ uri://docker-container ], servicetype: uri://a, endpoint: http://example.org/a, settings: { registries: x } }
              - { name: b, tasktypes: [ uri://nothing ], servicetype: uri://b, endpoint: http://example.org/b }
              - { name: c, tasktypes: [ uri://kubernetes-helm ], servicetype: uri://c, endpoint: http://example.org/c, settings: { charthost: x } }
              - { name: d, tasktypes: [ uri://jupyter-notebook ], servicetype: uri://d, endpoint: http://example.org/d, settings: { kernels: [] } }
            """
        let (_, error) = try await bindingError(yaml)
        #expect(error.keys == ["services[0].settings.registries", "services[1].tasktypes[0]", "services[2].settings.charthost", "services[3].settings.kernels"])
    }

    @Test("the loader reports the reader's and the handlers' problems in one run, service by service")
    func readAndBindAtOnce() async throws {
        let yaml = """
            http: { port: 70000 }
            services:
              - { name: a, tasktypes: [ uri://docker-container ], servicetype: uri://a, endpoint: http://example.org/a, settings: { registries: docker.io } }
              - { name: b, tasktypes: [ uri://jupyter-notebook ], servicetype: uri://b, endpoint: example.org, settings: { kernels: [] } }
              - { name: c, tasktypes: [ uri://nothing ], servicetype: uri://c, endpoint: http://example.org/c, limits: { maxcores: 0 } }
              - { name: d, tasktypes: [ uri://kubernetes-helm ], servicetype: uri://d, endpoint: http://example.org/d, settings: { charthost: x } }
            """
        let (path, error) = try #require(await ConfigurationFixture.error(yaml))
        // Services b and c do not read, so their settings and task types wait for the next run;
        // a's and d's settings are checked at their own indices.
        #expect(error.keys == ["http.port", "services[0].settings.registries", "services[1].endpoint", "services[2].limits.maxcores", "services[3].settings.charthost"])
        #expect(error.description.split(separator: "\n").allSatisfy { $0.hasPrefix("\(path): ") })
    }

    @Test("examples/plannerd.yaml loads, binds, applies its settings and answers the seed's asks")
    func exampleFile() async throws {
        let path = ConfigurationFixture.examplePath
        let configuration = try await ConfigurationFixture.loadFile(path).get()
        #expect(configuration.source == path)
        #expect(configuration.services.count >= 3)
        let planner = try configuration.makePlanner(registry: try ConfigurationFixture.registry())
        let canonical = Set(planner.services.flatMap(\.taskTypes.keys))
        #expect(canonical == ["uri://docker-container", "uri://kubernetes-helm", "uri://jupyter-notebook"])
        let docker = try ask(planner, [
            "tasktype": "uri://docker-container", "taskinfo": ["image": "ghcr.io/example/app:1.0"],
            "resources": ["mincores": 2, "maxcores": 4, "minmemory": "4Gi", "maxduration": "1h"],
        ])
        #expect(docker.responseword == .yes, "\(docker.reasons.map(\.message))")
        let helm = try ask(planner, ["tasktype": "uri://kubernetes-helm", "taskinfo": ["chart": "oci://ghcr.io/example/charts/pipeline:1.2.3"]])
        #expect(helm.responseword == .yes, "\(helm.reasons.map(\.message))")
        let notebook = try ask(planner, ["tasktype": "uri://jupyter-notebook", "taskinfo": ["notebook": "https://raw.githubusercontent.com/example/nb/main/analysis.ipynb"]])
        #expect(notebook.responseword == .yes, "\(notebook.reasons.map(\.message))")
        let privileged = try ask(planner, ["tasktype": "uri://docker-container", "taskinfo": ["image": "ghcr.io/example/app:1.0", "privileged": true]])
        #expect(privileged.responseword == .no)

        // The seed talk's asks next to it are answered YES (the one with the chart URL typo is invalid).
        let asks = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("asks")
        let names = try FileManager.default.contentsOfDirectory(atPath: asks.path).filter { !$0.contains("typo") }.sorted()
        for name in names {
            let data = try Data(contentsOf: asks.appendingPathComponent(name))
            let document = try name.hasSuffix(".yaml") ? YAMLDocumentReader().parse(String(decoding: data, as: UTF8.self)) : StrictJSONParser().parse(data)
            #expect(try ask(planner, document).responseword == .yes, "examples/asks/\(name)")
        }
    }
    #endif
}
