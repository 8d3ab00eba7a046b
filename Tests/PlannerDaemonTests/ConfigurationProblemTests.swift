import PlannerDaemon
import PlannerKernel
import Testing

/// One refused configuration: the file, the key reported, its code, and words its message and hint contain.
struct RefusedConfiguration: Sendable, CustomTestStringConvertible {
    var yaml: String
    var key: String
    var code: ProblemCode
    var message: String? = nil
    var hint: String? = nil

    var testDescription: String { "\(key) (\(code.rawValue))\(message.map { ": \($0)" } ?? "")" }

    /// A file with one service whose keys are as given (`nil` leaves a key out) plus `extra` lines.
    static func service(
        name: String? = "docker-uws", tasktypes: String? = "[ \"\(ConfigurationFixture.taskType)\" ]", servicetype: String? = "uri://docker-uws",
        endpoint: String? = "http://example.org/uws", _ extra: String = ""
    ) -> String {
        var lines = ["services:", "  - tasktypes: \(tasktypes ?? "null")"]
        if let name { lines.append("    name: \(name)") }
        if let servicetype { lines.append("    servicetype: \(servicetype)") }
        if let endpoint { lines.append("    endpoint: \(endpoint)") }
        if !extra.isEmpty { lines.append("    " + extra) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A file with the valid service and `top` as its other top-level lines.
    static func top(_ top: String) -> String { top + "\n" + service() }
}

@Suite("Configuration file: every unknown key and bad value is reported with its path", .enabled(if: ConfigurationFixture.hasHandlers))
struct ConfigurationProblemTests {
    static let unknownKeys: [RefusedConfiguration] = [
        .init(yaml: RefusedConfiguration.top("htpp: { port: 80 }"), key: "htpp", code: .unknownField, hint: "did you mean \"http\"?"),
        .init(yaml: RefusedConfiguration.top("Planning: {}"), key: "Planning", code: .unknownField, hint: "did you mean \"planning\"?"),
        .init(yaml: RefusedConfiguration.top("logging: { level: debug }"), key: "logging", code: .unknownField, message: "auth, http, planning, services, storage"),
        .init(yaml: RefusedConfiguration.top("http: { hots: 0.0.0.0 }"), key: "http.hots", code: .unknownField, hint: "did you mean \"host\"?"),
        .init(yaml: RefusedConfiguration.top("http: { tls: true }"), key: "http.tls", code: .unknownField, message: "host, idletimeout, maxbody, port"),
        .init(yaml: RefusedConfiguration.top("planning: { lookahed: 1h }"), key: "planning.lookahed", code: .unknownField, hint: "did you mean \"lookahead\"?"),
        .init(yaml: RefusedConfiguration.top("auth: { anonymus: true }"), key: "auth.anonymus", code: .unknownField, hint: "did you mean \"anonymous\"?"),
        .init(yaml: RefusedConfiguration.service("nmae: x"), key: "services[0].nmae", code: .unknownField, hint: "did you mean \"name\"?"),
        .init(yaml: RefusedConfiguration.service("limits: { maxcorez: 4 }"), key: "services[0].limits.maxcorez", code: .unknownField, hint: "did you mean \"maxcores\"?"),
        .init(yaml: RefusedConfiguration.service("limits: { mincores: 4 }"), key: "services[0].limits.mincores", code: .unknownField, message: "maxcores, maxduration, maxmemory"),
        .init(yaml: RefusedConfiguration.service("defaults: { core: 2 }"), key: "services[0].defaults.core", code: .unknownField, hint: "did you mean \"cores\"?"),
        .init(
            yaml: RefusedConfiguration.service() + "  - { name: b, tasktypes: [\(ConfigurationFixture.taskType)], servicetype: uri://b, endpoint: http://b.example.org, limits: { maxmem: 1G } }\n",
            key: "services[1].limits.maxmem", code: .unknownField, message: "maxcores, maxduration, maxmemory"),
    ]

    @Test("an unknown key at any level is reported with its path and the file", arguments: unknownKeys)
    func unknownKey(_ refused: RefusedConfiguration) async throws {
        try await check(refused)
    }

    static let badValues: [RefusedConfiguration] = [
        // http
        .init(yaml: RefusedConfiguration.top("http: { port: 70000 }"), key: "http.port", code: .outOfRange, message: "70000"),
        .init(yaml: RefusedConfiguration.top("http: { port: -1 }"), key: "http.port", code: .outOfRange),
        .init(yaml: RefusedConfiguration.top("http: { port: \"8080\" }"), key: "http.port", code: .wrongType, message: "expected an integer"),
        .init(yaml: RefusedConfiguration.top("http: { host: \"\" }"), key: "http.host", code: .invalidFormat),
        .init(yaml: RefusedConfiguration.top("http: { maxbody: 1g }"), key: "http.maxbody", code: .invalidFormat, message: "1g", hint: "1Gi"),
        .init(yaml: RefusedConfiguration.top("http: { maxbody: 1GB }"), key: "http.maxbody", code: .invalidFormat, hint: "1G"),
        .init(yaml: RefusedConfiguration.top("http: { maxbody: 512 }"), key: "http.maxbody", code: .outOfRange, message: "1Ki"),
        .init(yaml: RefusedConfiguration.top("http: { maxbody: 1.5 }"), key: "http.maxbody", code: .invalidFormat, message: "whole"),
        .init(yaml: RefusedConfiguration.top("http: 8080"), key: "http", code: .wrongType),
        // planning
        .init(yaml: RefusedConfiguration.top("planning: { lookahead: 1d }"), key: "planning.lookahead", code: .invalidFormat, hint: "24h"),
        .init(yaml: RefusedConfiguration.top("planning: { lookahead: 1.5h }"), key: "planning.lookahead", code: .invalidFormat, hint: "1h30m"),
        .init(yaml: RefusedConfiguration.top("planning: { lookahead: 0s }"), key: "planning.lookahead", code: .outOfRange, message: "longer than zero"),
        .init(yaml: RefusedConfiguration.top("http: { idletimeout: 0s }"), key: "http.idletimeout", code: .outOfRange, message: "longer than zero"),
        .init(yaml: RefusedConfiguration.top("http: { idletimeout: 1.5m }"), key: "http.idletimeout", code: .invalidFormat, message: "1.5m"),
        .init(yaml: RefusedConfiguration.top("planning: { lookahead: 3600 }"), key: "planning.lookahead", code: .wrongType),
        .init(yaml: RefusedConfiguration.top("planning: { maxoffers: 0 }"), key: "planning.maxoffers", code: .outOfRange, message: "1…100"),
        .init(yaml: RefusedConfiguration.top("planning: { maxoffers: 101 }"), key: "planning.maxoffers", code: .outOfRange),
        .init(yaml: RefusedConfiguration.top("planning: { maxhold: 10:00 }"), key: "planning.maxhold", code: .invalidFormat),
        .init(yaml: RefusedConfiguration.top("planning: [ 24h ]"), key: "planning", code: .wrongType),
        // auth: YAML 1.1's yes is a plain string in the core schema
        .init(yaml: RefusedConfiguration.top("auth: { anonymous: yes }"), key: "auth.anonymous", code: .wrongType, message: "true or false"),
        // services
        .init(yaml: "services: []\n", key: "services", code: .missingField, message: "at least one service"),
        .init(yaml: "http: { port: 8080 }\n", key: "services", code: .missingField),
        .init(yaml: "services:\n", key: "services", code: .missingField),
        .init(yaml: "services: { name: a }\n", key: "services", code: .wrongType),
        .init(yaml: "services: [ docker-uws ]\n", key: "services[0]", code: .wrongType),
        .init(yaml: RefusedConfiguration.service(name: nil), key: "services[0].name", code: .missingField),
        .init(yaml: RefusedConfiguration.service(name: "docker uws"), key: "services[0].name", code: .invalidFormat, message: "letters, digits"),
        .init(yaml: RefusedConfiguration.service(tasktypes: nil), key: "services[0].tasktypes", code: .missingField),
        .init(yaml: RefusedConfiguration.service(tasktypes: "[]"), key: "services[0].tasktypes", code: .missingField, message: "at least one task type"),
        .init(yaml: RefusedConfiguration.service(tasktypes: ConfigurationFixture.taskType), key: "services[0].tasktypes", code: .wrongType),
        .init(yaml: RefusedConfiguration.service(tasktypes: "[ docker-container ]"), key: "services[0].tasktypes[0]", code: .invalidURI),
        .init(yaml: RefusedConfiguration.service(servicetype: nil), key: "services[0].servicetype", code: .missingField),
        .init(yaml: RefusedConfiguration.service(servicetype: "docker-uws"), key: "services[0].servicetype", code: .invalidURI, message: "not an absolute URI", hint: "uri://docker-uws"),
        .init(yaml: RefusedConfiguration.service(servicetype: "\"uri://docker uws\""), key: "services[0].servicetype", code: .invalidURI, message: "the service type"),
        .init(yaml: RefusedConfiguration.service(servicetype: "\"uri://docker-uws#x\""), key: "services[0].servicetype", code: .invalidURI, message: "the service type"),
        .init(yaml: RefusedConfiguration.service(endpoint: nil), key: "services[0].endpoint", code: .missingField),
        .init(yaml: RefusedConfiguration.service(endpoint: "example.org/uws"), key: "services[0].endpoint", code: .invalidFormat, message: "no scheme"),
        .init(yaml: RefusedConfiguration.service(endpoint: "ftp://example.org/uws"), key: "services[0].endpoint", code: .invalidFormat, message: "scheme"),
        .init(yaml: RefusedConfiguration.service(endpoint: "http:///example.org/uws"), key: "services[0].endpoint", code: .invalidFormat, message: "empty host"),
        .init(yaml: RefusedConfiguration.service(endpoint: "http://user:secret@example.org/uws"), key: "services[0].endpoint", code: .invalidFormat, message: "credentials"),
        .init(yaml: RefusedConfiguration.service(endpoint: "\"http://example.org/a b\""), key: "services[0].endpoint", code: .invalidFormat),
        .init(yaml: RefusedConfiguration.service("limits: { maxcores: -2 }"), key: "services[0].limits.maxcores", code: .outOfRange),
        .init(yaml: RefusedConfiguration.service("limits: { maxcores: 0 }"), key: "services[0].limits.maxcores", code: .outOfRange),
        .init(yaml: RefusedConfiguration.service("limits: { maxcores: \"10\" }"), key: "services[0].limits.maxcores", code: .wrongType),
        .init(yaml: RefusedConfiguration.service("limits: { maxcores: 2.5 }"), key: "services[0].limits.maxcores", code: .wrongType),
        .init(yaml: RefusedConfiguration.service("limits: { maxmemory: 0 }"), key: "services[0].limits.maxmemory", code: .outOfRange, message: "greater than zero"),
        .init(yaml: RefusedConfiguration.service("limits: { maxmemory: -1 }"), key: "services[0].limits.maxmemory", code: .invalidFormat, message: "non-negative"),
        .init(yaml: RefusedConfiguration.service("limits: { maxmemory: 8GB }"), key: "services[0].limits.maxmemory", code: .invalidFormat, hint: "8G"),
        .init(yaml: RefusedConfiguration.service("limits: { maxmemory: 8 G }"), key: "services[0].limits.maxmemory", code: .invalidFormat, message: "spaces"),
        .init(yaml: RefusedConfiguration.service("limits: { maxduration: 0m }"), key: "services[0].limits.maxduration", code: .outOfRange),
        .init(yaml: RefusedConfiguration.service("limits: { maxduration: P1H }"), key: "services[0].limits.maxduration", code: .invalidFormat, hint: "PT1H"),
        .init(yaml: RefusedConfiguration.service("limits: 10"), key: "services[0].limits", code: .wrongType),
        .init(yaml: RefusedConfiguration.service("defaults: { cores: -1 }"), key: "services[0].defaults.cores", code: .outOfRange),
        .init(yaml: RefusedConfiguration.service("defaults: { memory: 0 }"), key: "services[0].defaults.memory", code: .outOfRange),
        .init(yaml: RefusedConfiguration.service("defaults: { duration: 0s }"), key: "services[0].defaults.duration", code: .outOfRange),
        // duplicate names
        .init(yaml: RefusedConfiguration.service() + "  - { name: docker-uws, tasktypes: [\(ConfigurationFixture.taskType)], servicetype: uri://x, endpoint: http://x.example.org }\n",
              key: "services[1].name", code: .conflictingFields, message: "used twice"),
    ]

    @Test("a bad value is reported with its path, code, message and hint", arguments: badValues)
    func badValue(_ refused: RefusedConfiguration) async throws {
        try await check(refused)
    }

    static let badStorage: [RefusedConfiguration] = [
        .init(yaml: RefusedConfiguration.top("storage: {}"), key: "storage", code: .missingField, message: "sqlite"),
        .init(yaml: RefusedConfiguration.top("storage: { sqlite: a.sqlite, postgres: \"postgres://u@h/d\" }"), key: "storage.postgres", code: .conflictingFields),
        .init(yaml: RefusedConfiguration.top("storage: { sqlite: \"\" }"), key: "storage.sqlite", code: .invalidFormat),
        .init(yaml: RefusedConfiguration.top("storage: { postgres: \"mysql://u@h/d\" }"), key: "storage.postgres", code: .invalidFormat, hint: "postgres://"),
        .init(yaml: RefusedConfiguration.top("storage: { postgres: \"postgres://h/d\" }"), key: "storage.postgres", code: .invalidFormat, message: "user"),
        .init(yaml: RefusedConfiguration.top("storage: { postgres: \"postgres://u@h/\" }"), key: "storage.postgres", code: .invalidFormat, message: "database"),
        .init(yaml: RefusedConfiguration.top("storage: { postgres: \"postgres://u@h/d?sslmode=maybe\" }"), key: "storage.postgres", code: .invalidFormat, message: "sslmode"),
        .init(yaml: RefusedConfiguration.top("storage: { redis: x }"), key: "storage.redis", code: .unknownField),
        .init(yaml: RefusedConfiguration.top("storage: sqlite"), key: "storage", code: .wrongType),
    ]

    @Test("a bad storage block is reported with its key", arguments: badStorage)
    func badStorageBlock(_ refused: RefusedConfiguration) async throws {
        try await check(refused)
    }

    static let badAuth: [RefusedConfiguration] = [
        .init(yaml: RefusedConfiguration.top("auth: { anonymous: false }"), key: "auth.anonymous", code: .conflictingFields, message: "auth.issuers"),
        .init(yaml: RefusedConfiguration.service("allow: { groups: [ astro ] }"), key: "services[0].allow", code: .conflictingFields, message: "auth.issuers is empty"),
        .init(yaml: RefusedConfiguration.service("allow: {}"), key: "services[0].allow", code: .missingField, message: "admits nobody"),
        .init(yaml: RefusedConfiguration.service("allow:"), key: "services[0].allow", code: .missingField, message: "allow is empty"),
        .init(yaml: RefusedConfiguration.service("allow: { issuers: [ \"https://iam.example.org/\" ] }"), key: "services[0].allow", code: .missingField, message: "admits nobody"),
        .init(yaml: RefusedConfiguration.service("allow: { groups: astro }"), key: "services[0].allow.groups", code: .wrongType),
        .init(yaml: RefusedConfiguration.service("allow: { teams: [ astro ] }"), key: "services[0].allow.teams", code: .unknownField),
        .init(
            yaml: RefusedConfiguration.top("auth:\n  issuers:\n    - { issuer: \"https://iam.example.org/\", audience: plannerd, jwks: /nonexistent/jwks.json }"),
            key: "auth.issuers[0].jwks", code: .invalidFormat, message: "cannot be read"),
        .init(
            yaml: RefusedConfiguration.top("auth:\n  issuers:\n    - { issuer: \"https://iam.example.org/\", jwks: /nonexistent/jwks.json }"),
            key: "auth.issuers[0].audience", code: .missingField),
        .init(yaml: RefusedConfiguration.top("auth: { anonymous: maybe }"), key: "auth.anonymous", code: .wrongType),
    ]

    @Test("a bad auth block or allow list is reported with its key", arguments: badAuth)
    func badAuthBlock(_ refused: RefusedConfiguration) async throws {
        try await check(refused)
    }

    @Test("API.md §7's example file loads once its JWKS file exists, and is refused naming the key while it does not")
    func contractExample() async throws {
        func yaml(jwks: String) -> String {
            """
            http: { host: 127.0.0.1, port: 8080, maxbody: 1Mi }
            planning: { lookahead: 24h, maxoffers: 4, maxhold: 15m }
            storage: { sqlite: plannerd.sqlite }     # or { postgres: "postgres://user@host/db" }
            auth:
              anonymous: true                        # false: every ask needs a valid token
              issuers:
                - { issuer: "https://iam.example.org/", audience: "plannerd", jwks: "\(jwks)", groups: "groups" }
            services:
              - name: docker-uws
                tasktypes: [ "uri://docker-container" ]
                servicetype: uri://docker-uws
                endpoint: http://example.org/uws
                limits:   { maxcores: 10, maxmemory: 10G, maxduration: 20m }   # per task
                defaults: { cores: 1, memory: 1Gi, duration: 1h }             # when the ask names neither min nor max
                capacity: { cores: 64, memory: 256G }                          # shared by all holds and bookings; absent = no pool limit
                allow:    { groups: [ "astro" ] }                              # optional; absent = everyone
                settings: { registries: [ "docker.io", "ghcr.io" ], privileged: false }   # handler-specific
            """
        }
        let (_, error) = try #require(await ConfigurationFixture.error(yaml(jwks: "/nonexistent/plannerd/jwks.json")))
        #expect(error.keys == ["auth.issuers[0].jwks"])
        let directory = try TemporaryDirectory()
        let jwks = try directory.write("jwks.json", try TestIssuer.make().jwks)
        let configuration = try await ConfigurationFixture.load(yaml(jwks: jwks)).outcome.get()
        #expect(configuration.auth.issuers.map(\.issuer) == ["https://iam.example.org/"])
        #expect(configuration.auth.issuers.first?.keys.keyIDs == ["ec-1", "rsa-1"])
        #expect(configuration.services.first?.allow == .only(subjects: [], groups: ["astro"]))
        let pinned = yaml(jwks: jwks).replacing(#"allow:    { groups: [ "astro" ] }"#, with: #"allow:    { groups: [ "astro" ], issuers: [ "https://elsewhere.example.org/" ] }"#)
        let (_, untrusted) = try #require(await ConfigurationFixture.error(pinned))
        #expect(untrusted.keys == ["services[0].allow.issuers"], "an allow issuer that auth.issuers does not trust")
    }

    @Test("every problem in a file is reported at once, one line each, in document order")
    func everyProblemAtOnce() async throws {
        let yaml = """
            http: { port: 70000, maxbody: 1g, hots: x }
            planning: { lookahead: 1d, maxoffers: 0 }
            storage: { sqlite: plannerd.sqlite, postgres: "postgres://u@h/d" }
            services:
              - name: docker-uws
                tasktypes: [ "docker-container" ]
                servicetype: docker-uws
                endpoint: http:///example.org/uws
                limits: { maxcores: -4, maxcorez: 4 }
                defaults: { duration: 1d }
              - name: docker-uws
                tasktypes: [ "\(ConfigurationFixture.taskType)" ]
                servicetype: uri://docker-uws
                endpoint: http://example.org/uws
                capacity: { cores: 0 }
            """
        let (path, error) = try #require(await ConfigurationFixture.error(yaml))
        let expected = [
            "http.hots", "http.port", "http.maxbody", "planning.lookahead", "planning.maxoffers", "storage.postgres",
            "services[0].tasktypes[0]", "services[0].servicetype", "services[0].endpoint",
            "services[0].limits.maxcorez", "services[0].limits.maxcores", "services[0].defaults.duration",
            "services[1].capacity.cores", "services[1].name",
        ]
        #expect(error.keys == expected)
        #expect(error.source == path)
        let lines = error.description.split(separator: "\n").map(String.init)
        #expect(lines.count == expected.count)
        for (line, key) in zip(lines, expected) {
            #expect(line.hasPrefix("\(path): \(key): "))
        }
    }

    @Test("a duplicate name is reported even when either service has other problems")
    func duplicateNameWithOtherProblems() async throws {
        let yaml = RefusedConfiguration.service(endpoint: "example.org") + "  - { name: docker-uws, tasktypes: [], servicetype: uri://x, endpoint: http://x.example.org }\n"
        let (_, error) = try #require(await ConfigurationFixture.error(yaml))
        #expect(error.keys == ["services[0].endpoint", "services[1].tasktypes", "services[1].name"])
    }

    /// Loads `refused.yaml` and checks the problem it must cause.
    func check(_ refused: RefusedConfiguration, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let (path, error) = try #require(await ConfigurationFixture.error(refused.yaml, sourceLocation: sourceLocation), sourceLocation: sourceLocation)
        let problem = try #require(error.problem(at: refused.key), "no problem at \(refused.key); got:\n\(error.description)", sourceLocation: sourceLocation)
        #expect(problem.code == refused.code, "\(error.description)", sourceLocation: sourceLocation)
        if let message = refused.message {
            #expect(problem.message.contains(message), "message: \(problem.message)", sourceLocation: sourceLocation)
        }
        if let hint = refused.hint {
            #expect(problem.hint?.contains(hint) == true, "hint: \(problem.hint ?? "none")", sourceLocation: sourceLocation)
        }
        #expect(error.source == path, sourceLocation: sourceLocation)
        #expect(error.description.contains("\(path): \(refused.key): \(problem.message)"), "\(error.description)", sourceLocation: sourceLocation)
    }
}
