import PlannerDaemon
import PlannerKernel
import Testing

@Suite("Configuration file: valid files and defaults", .enabled(if: ConfigurationFixture.hasHandlers))
struct ConfigurationFileTests {
    #if DockerContainer && KubernetesHelm && Notebook
    /// Every key of API.md §7 that this version supports, with values other than the defaults.
    static let fullFile = """
        # Every key this version of plannerd supports.
        http: { host: 0.0.0.0, port: 9090, maxbody: 2Mi, idletimeout: 2m }
        planning: { lookahead: 48h, maxoffers: 2, maxhold: 5m }
        auth:
          anonymous: true
        services:
          - name: docker-uws
            tasktypes: [ "uri://docker-container" ]
            servicetype: uri://docker-uws
            endpoint: http://example.org/uws
            limits:   { maxcores: 10, maxmemory: 10G, maxduration: 20m }
            defaults: { cores: 2, memory: 2Gi, duration: 10m }
            settings: { registries: [ "docker.io", "ghcr.io" ], privileged: false }
          - name: kws
            tasktypes: [ "uri://kubernetes-helm" ]
            servicetype: uri://kubernetes-helm
            endpoint: https://example.org/kws
            limits:   { maxcores: 240, maxmemory: 400G, maxduration: 9h30m }
          - name: jupyter
            tasktypes: [ "uri://jupyter-notebook" ]
            servicetype: uri://jupyterhub
            endpoint: http://example.org/jupyter
            limits:   { maxcores: 4, maxmemory: 16G, maxduration: PT8H }
            defaults: { memory: 4000000000 }
        """

    @Test("a file with every supported key is read into the configuration")
    func fullFile() async throws {
        let (path, outcome) = try await ConfigurationFixture.load(Self.fullFile)
        let configuration = try #require(outcome.success, "\(outcome.failure?.description ?? "")")
        #expect(configuration.source == path)
        #expect(configuration.http == HTTPSettings(host: "0.0.0.0", port: 9090, maxbody: 2 << 20, idletimeout: TaskDuration(minutes: 2)))
        #expect(configuration.planning == PlanningOptions(lookahead: TaskDuration(hours: 48), maxoffers: 2, maxhold: TaskDuration(minutes: 5)))
        #expect(configuration.services.map(\.name) == ["docker-uws", "kws", "jupyter"])

        let docker = configuration.services[0]
        #expect(docker.tasktypes == ["uri://docker-container"])
        #expect(docker.servicetype == "uri://docker-uws")
        #expect(docker.endpoint == "http://example.org/uws")
        #expect(docker.limits == ServiceLimits(maxcores: 10, maxmemory: MemoryQuantity(bytes: 10_000_000_000), maxduration: TaskDuration(minutes: 20)))
        #expect(docker.defaults == ServiceDefaults(cores: 2, memory: MemoryQuantity(bytes: 2 << 30), duration: TaskDuration(minutes: 10)))
        #expect(docker.settings == ["registries": ["docker.io", "ghcr.io"], "privileged": false])

        let kws = configuration.services[1]
        #expect(kws.endpoint == "https://example.org/kws")
        #expect(kws.limits.maxduration == TaskDuration(hours: 9, minutes: 30))
        #expect(kws.defaults == ServiceDefaults())
        #expect(kws.settings == nil)

        let jupyter = configuration.services[2]
        #expect(jupyter.limits.maxduration == TaskDuration(hours: 8))
        #expect(jupyter.defaults.memory == MemoryQuantity(bytes: 4_000_000_000))
        #expect(jupyter.defaults.cores == 1)
    }

    #endif

    @Test("absent keys take their documented defaults")
    func defaults() async throws {
        let configuration = try #require(await ConfigurationFixture.configuration("services:\n\(ConfigurationFixture.service)\n"))
        #expect(configuration.http.host == "127.0.0.1")
        #expect(configuration.http.port == 8080)
        #expect(configuration.http.maxbody == 1_048_576)
        #expect(configuration.planning.lookahead == TaskDuration(hours: 24))
        #expect(configuration.planning.maxoffers == 4)
        #expect(configuration.planning.maxhold == TaskDuration(minutes: 15))
        let service = try #require(configuration.services.first)
        #expect(service.limits == ServiceLimits(maxcores: nil, maxmemory: nil, maxduration: nil))
        #expect(service.defaults.cores == 1)
        #expect(service.defaults.memory == MemoryQuantity(bytes: 1 << 30))
        #expect(service.defaults.duration == TaskDuration(hours: 1))
        #expect(service.settings == nil)
    }

    @Test("empty sections and null values count as absent", arguments: [
        "http: {}\nplanning: {}\nauth: {}\n",
        "http:\nplanning:\nauth:\n",
        "http: { host: null, port: ~ }\nplanning: { maxoffers: }\n",
    ])
    func emptySections(prefix: String) async throws {
        let configuration = try #require(await ConfigurationFixture.configuration(prefix + "services:\n\(ConfigurationFixture.service)\n"))
        #expect(configuration.http == HTTPSettings())
        #expect(configuration.planning == PlanningOptions())
    }

    @Test("the same configuration may be written in JSON, which is YAML")
    func json() async throws {
        let text = """
            {"http": {"port": 0}, "services": [{"name": "a", "tasktypes": ["\(ConfigurationFixture.taskType)"],
             "servicetype": "uri://docker-uws", "endpoint": "http://example.org/uws", "limits": {"maxmemory": "8Gi"}}]}
            """
        let configuration = try #require(await ConfigurationFixture.configuration(text))
        #expect(configuration.http.port == 0)
        #expect(configuration.services.first?.limits.maxmemory == MemoryQuantity(bytes: 8 << 30))
    }

    @Test("memory may be a quantity string, whole bytes, or an unquoted exponent", arguments: [
        ("10G", Int64(10_000_000_000)), ("10Gi", Int64(10) << 30), ("8e9", Int64(8_000_000_000)),
        ("\"8e9\"", Int64(8_000_000_000)), ("1073741824", Int64(1) << 30), ("1500M", Int64(1_500_000_000)),
    ])
    func memorySpellings(written: String, bytes: Int64) async throws {
        let yaml = "services:\n\(ConfigurationFixture.service)\n    limits: { maxmemory: \(written) }\n"
        let configuration = try #require(await ConfigurationFixture.configuration(yaml))
        #expect(configuration.services.first?.limits.maxmemory?.bytes == bytes)
    }

    @Test("durations may be short or ISO 8601", arguments: [
        ("20m", Int64(1200)), ("9h30m", Int64(34200)), ("PT20M", Int64(1200)), ("P1D", Int64(86400)), ("P1W", Int64(604_800)), ("90s", Int64(90)),
    ])
    func durationSpellings(written: String, seconds: Int64) async throws {
        let yaml = "planning: { lookahead: \(written) }\nservices:\n\(ConfigurationFixture.service)\n    limits: { maxduration: \(written) }\n"
        let configuration = try #require(await ConfigurationFixture.configuration(yaml))
        #expect(configuration.planning.lookahead.seconds == seconds)
        #expect(configuration.services.first?.limits.maxduration?.seconds == seconds)
    }

    @Test("port 0 (any free port) and the edges of every range are accepted")
    func edges() async throws {
        let yaml = """
            http: { port: 0, maxbody: 1Ki }
            planning: { maxoffers: 100, lookahead: 1s, maxhold: 1s }
            services:
            \(ConfigurationFixture.service)
                limits: { maxcores: 1, maxmemory: 1, maxduration: 1s }
                defaults: { cores: 1, memory: 1, duration: 1s }
            """
        let configuration = try #require(await ConfigurationFixture.configuration(yaml))
        #expect(configuration.http.port == 0)
        #expect(configuration.http.maxbody == 1024)
        #expect(configuration.planning.maxoffers == 100)
        #expect(configuration.services.first?.defaults.memory.bytes == 1)
    }

    @Test("defaults equal to the limits are accepted; limits without defaults keep the built-in defaults")
    func defaultsAtLimits() async throws {
        let yaml = """
            services:
            \(ConfigurationFixture.service)
                limits:   { maxcores: 10, maxmemory: 10G, maxduration: 20m }
                defaults: { cores: 10, memory: 10000M, duration: PT20M }
              - name: small
                tasktypes: [ "\(ConfigurationFixture.taskType)" ]
                servicetype: uri://docker-uws
                endpoint: http://example.org/small
                limits: { maxduration: 20m }
            """
        let configuration = try #require(await ConfigurationFixture.configuration(yaml))
        #expect(configuration.services[0].defaults.cores == 10)
        // The built-in 1h default is capped by the limit when planning (API.md §2.4), not refused here.
        #expect(configuration.services[1].defaults.duration == TaskDuration(hours: 1))
    }

    @Test("service names may use letters, digits, '-', '_' and '.'; services keep their order")
    func serviceNames() async throws {
        var yaml = "services:\n"
        for name in ["b.2", "a_1", "Z-9"] {
            yaml += "  - { name: \(name), tasktypes: [\(ConfigurationFixture.taskType)], servicetype: uri://docker-uws, endpoint: http://example.org/\(name) }\n"
        }
        let configuration = try #require(await ConfigurationFixture.configuration(yaml))
        #expect(configuration.services.map(\.name) == ["b.2", "a_1", "Z-9"])
    }

    #if DockerContainer && Notebook
    @Test("a task type may be written as an alias and several per service; settings are kept as written")
    func taskTypesAsWritten() async throws {
        let yaml = """
            services:
              - name: mixed
                tasktypes: [ "uri:docker-container-1.0", "uri://jupyter-notebook" ]
                servicetype: uri://mixed
                endpoint: http://example.org/mixed
                settings:
                  "uri:docker-container-1.0": { privileged: true }
                  "uri://jupyter-notebook": { kernels: [ python3, ir ] }
            """
        let configuration = try #require(await ConfigurationFixture.configuration(yaml))
        let service = try #require(configuration.services.first)
        #expect(service.tasktypes == ["uri:docker-container-1.0", "uri://jupyter-notebook"])
        #expect(service.settings?.objectValue?.keys == ["uri:docker-container-1.0", "uri://jupyter-notebook"])
    }

    #endif

    @Test("ConfigurationError renders one line per problem: file, key path, message and hint")
    func description() {
        let error = ConfigurationError(source: "/etc/plannerd.yaml", problems: [
            Problem(path: JSONPointer(tokens: ["services", "0", "limits", "maxcorez"]), code: .unknownField, message: "not a field", hint: "did you mean \"maxcores\"?"),
            Problem(path: .root, code: .invalidYAML, message: "the document is empty"),
        ])
        #expect(error.description == """
            /etc/plannerd.yaml: services[0].limits.maxcorez: not a field (did you mean "maxcores"?)
            /etc/plannerd.yaml: (whole file): the document is empty
            """)
    }

    @Test("key paths read like the YAML", arguments: [
        (["http", "port"], "http.port"),
        (["services", "12", "defaults", "cores"], "services[12].defaults.cores"),
        (["services", "0", "tasktypes", "1"], "services[0].tasktypes[1]"),
        (["services", "1", "settings", "registries", "0"], "services[1].settings.registries[0]"),
        ([], ""),
    ])
    func keyPaths(tokens: [String], rendered: String) {
        #expect(ConfigurationError.keyPath(JSONPointer(tokens: tokens)) == rendered)
    }
}
