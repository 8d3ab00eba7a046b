import Foundation
import PlannerDaemon
import PlannerKernel
import Testing

/// A service's `capacity` block (API.md §7): the pool, and the periods set aside outside plannerd.
@Suite("Configuration file: capacity and reserved periods", .enabled(if: ConfigurationFixture.hasHandlers))
struct ConfigurationCapacityTests {
    /// The valid service of ``ConfigurationFixture`` with `capacity` lines appended (each indented as a key of the service).
    static func file(_ capacity: String...) -> String {
        "services:\n" + ConfigurationFixture.service + "\n" + capacity.map { "    " + $0 }.joined(separator: "\n") + "\n"
    }

    @Test("a full block: pool and reserved periods, with offsets and fractions of seconds")
    func validBlock() async throws {
        let yaml = Self.file(
            "capacity:",
            "  cores: 64",
            "  memory: 256G",
            "  reserved:",
            "    - { start: \"2026-12-01T10:00:00Z\", end: \"2026-12-01T12:00:00Z\", cores: 16, memory: 64Gi }",
            "    - { start: \"2026-12-01T12:00:00+02:00\", end: \"2026-12-01T11:00:00.750Z\", cores: 8 }",
            "    - { start: \"2026-12-02T00:00:00Z\", end: \"2026-12-03T00:00:00Z\", memory: 8e9 }")
        let configuration = try #require(await ConfigurationFixture.configuration(yaml))
        let capacity = try #require(configuration.services.first?.capacity)
        #expect(capacity.pool.cores == 64)
        #expect(capacity.pool.memory?.bytes == 256_000_000_000)
        let tenOClock = try #require(RFC3339.parse("2026-12-01T10:00:00Z")).timeIntervalSince1970
        let start = Int64(tenOClock)
        #expect(capacity.reserved == [
            ReservedPeriod(start: start, end: start + 7200, amount: .init(cores: 16, memory: 64 << 30)),
            ReservedPeriod(start: start, end: start + 3600, amount: .init(cores: 8, memory: 0)),
            ReservedPeriod(start: start + 14 * 3600, end: start + 38 * 3600, amount: .init(cores: 0, memory: 8_000_000_000)),
        ])
        // The planner gets the pool and the reserved periods.
        let planner = try configuration.makePlanner(registry: ConfigurationFixture.registry())
        let service = try #require(planner.services.first)
        #expect(service.capacity == capacity.pool)
        #expect(service.reserved.count == 3)
        #expect(service.reserved.usage(at: start + 1800) == .init(cores: 24, memory: 64 << 30))
    }

    @Test("cores only, memory only, and no reserved periods", arguments: [
        ("capacity: { cores: 8 }", ServiceCapacity(cores: 8)),
        ("capacity: { memory: 32Gi }", ServiceCapacity(memory: MemoryQuantity(bytes: 32 << 30, family: .binary))),
        ("capacity: { cores: 8, reserved: [] }", ServiceCapacity(cores: 8)),
    ])
    func partialBlock(_ line: String, _ expected: ServiceCapacity) async throws {
        let configuration = try #require(await ConfigurationFixture.configuration(Self.file(line)))
        let capacity = try #require(configuration.services.first?.capacity)
        #expect(capacity.pool.cores == expected.cores)
        #expect(capacity.pool.memory?.bytes == expected.memory?.bytes)
        #expect(capacity.reserved.isEmpty)
    }

    @Test("a service without capacity has no pool; a null capacity counts as absent")
    func absent() async throws {
        for yaml in [Self.file(), Self.file("capacity:")] {
            let configuration = try #require(await ConfigurationFixture.configuration(yaml))
            #expect(configuration.services.first?.capacity == nil)
        }
    }

    static let refused: [RefusedConfiguration] = [
        // the pool
        .init(yaml: file("capacity: {}"), key: "services[0].capacity", code: .missingField, message: "cores, memory or both"),
        .init(yaml: file("capacity: { reserved: [] }"), key: "services[0].capacity", code: .missingField),
        .init(yaml: file("capacity: 64"), key: "services[0].capacity", code: .wrongType),
        .init(yaml: file("capacity: { cores: 0 }"), key: "services[0].capacity.cores", code: .outOfRange),
        .init(yaml: file("capacity: { cores: -4 }"), key: "services[0].capacity.cores", code: .outOfRange),
        .init(yaml: file("capacity: { cores: \"64\" }"), key: "services[0].capacity.cores", code: .wrongType),
        .init(yaml: file("capacity: { cores: 2.5 }"), key: "services[0].capacity.cores", code: .wrongType),
        .init(yaml: file("capacity: { memory: 256GB }"), key: "services[0].capacity.memory", code: .invalidFormat, hint: "256G"),
        .init(yaml: file("capacity: { memory: 256g }"), key: "services[0].capacity.memory", code: .invalidFormat, hint: "256Gi"),
        .init(yaml: file("capacity: { memory: -1 }"), key: "services[0].capacity.memory", code: .invalidFormat),
        .init(yaml: file("capacity: { memory: 0 }"), key: "services[0].capacity.memory", code: .outOfRange, message: "greater than zero"),
        .init(yaml: file("capacity: { cores: 4, gpus: 2 }"), key: "services[0].capacity.gpus", code: .unknownField, message: "cores, memory, reserved"),
        .init(yaml: file("capacity: { core: 4 }"), key: "services[0].capacity.core", code: .unknownField, hint: "did you mean \"cores\"?"),
        // reserved periods
        .init(yaml: file("capacity: { cores: 4, reserved: { start: x } }"), key: "services[0].capacity.reserved", code: .wrongType),
        .init(yaml: file("capacity: { cores: 4, reserved: [ 2026-12-01 ] }"), key: "services[0].capacity.reserved[0]", code: .wrongType),
        .init(
            yaml: file(#"capacity: { cores: 4, reserved: [ { start: tomorrow, end: "2026-12-01T12:00:00Z", cores: 1 } ] }"#),
            key: "services[0].capacity.reserved[0].start", code: .invalidFormat, message: "RFC 3339", hint: "2026-12-01T10:00:00Z"),
        .init(
            yaml: file(#"capacity: { cores: 4, reserved: [ { start: "2026-12-01 10:00:00Z", end: "2026-12-01T12:00:00Z" } ] }"#),
            key: "services[0].capacity.reserved[0].start", code: .invalidFormat),
        .init(
            yaml: file(#"capacity: { cores: 4, reserved: [ { start: "2026-12-01T10:00:00", end: "2026-12-01T12:00:00Z" } ] }"#),
            key: "services[0].capacity.reserved[0].start", code: .invalidFormat),
        .init(
            yaml: file(#"capacity: { cores: 4, reserved: [ { start: 1800000000, end: "2026-12-01T12:00:00Z" } ] }"#),
            key: "services[0].capacity.reserved[0].start", code: .wrongType),
        .init(
            yaml: file(#"capacity: { cores: 4, reserved: [ { start: "2026-12-01T10:00:00Z", cores: 1 } ] }"#),
            key: "services[0].capacity.reserved[0].end", code: .missingField),
        .init(
            yaml: file(#"capacity: { cores: 4, reserved: [ { start: "2026-12-01T12:00:00Z", end: "2026-12-01T10:00:00Z", cores: 1 } ] }"#),
            key: "services[0].capacity.reserved[0].end", code: .outOfRange, message: "end after it starts"),
        .init(
            yaml: file(#"capacity: { cores: 4, reserved: [ { start: "2026-12-01T10:00:00Z", end: "2026-12-01T10:00:00Z", cores: 1 } ] }"#),
            key: "services[0].capacity.reserved[0].end", code: .outOfRange),
        .init(
            yaml: file(#"capacity: { cores: 4, reserved: [ { start: "2026-12-01T10:00:00Z", end: "2026-12-01T12:00:00Z", cpus: 1 } ] }"#),
            key: "services[0].capacity.reserved[0].cpus", code: .unknownField, message: "cores, end, memory, start"),
        .init(
            yaml: file(#"capacity: { cores: 4, reserved: [ { start: "2026-12-01T10:00:00Z", end: "2026-12-01T12:00:00Z", memory: 1gb } ] }"#),
            key: "services[0].capacity.reserved[0].memory", code: .invalidFormat),
        .init(
            yaml: file(#"capacity: { cores: 4, reserved: [ { start: "2026-12-01T10:00:00Z", end: "2026-12-01T12:00:00Z", cores: -1 } ] }"#),
            key: "services[0].capacity.reserved[0].cores", code: .outOfRange),
    ]

    @Test("a bad capacity block is reported at its key, with its code", arguments: refused)
    func refusedBlock(_ refused: RefusedConfiguration) async throws {
        let (path, error) = try #require(await ConfigurationFixture.error(refused.yaml))
        let problem = try #require(error.problem(at: refused.key), "no problem at \(refused.key); got:\n\(error.description)")
        #expect(problem.code == refused.code, "\(error.description)")
        if let message = refused.message {
            #expect(problem.message.contains(message), "message: \(problem.message)")
        }
        if let hint = refused.hint {
            #expect(problem.hint?.contains(hint) == true, "hint: \(problem.hint ?? "none")")
        }
        #expect(error.description.contains("\(path): \(refused.key): "), "\(error.description)")
    }

    @Test("every problem in capacity blocks is reported at once, in document order")
    func everyProblemAtOnce() async throws {
        let yaml = """
            services:
            \(ConfigurationFixture.service)
                capacity:
                  cores: 0
                  memory: 8GB
                  gpus: 1
                  reserved:
                    - { start: tomorrow, end: "2026-12-01T12:00:00Z", cpus: 1 }
                    - { start: "2026-12-01T12:00:00Z", end: "2026-12-01T10:00:00Z", cores: 1 }
                    - { end: "2026-12-01T10:00:00Z", memory: 1gb }
                    - { start: "2026-12-01T10:00:00Z", end: "2026-12-01T12:00:00Z", cores: 1 }
              - name: second
                tasktypes: [ "\(ConfigurationFixture.taskType)" ]
                servicetype: uri://second
                endpoint: http://example.org/second
                capacity: {}
            """
        let (_, error) = try #require(await ConfigurationFixture.error(yaml))
        let expected = [
            "services[0].capacity.gpus", "services[0].capacity.cores", "services[0].capacity.memory",
            "services[0].capacity.reserved[0].cpus", "services[0].capacity.reserved[0].start",
            "services[0].capacity.reserved[1].end",
            "services[0].capacity.reserved[2].start", "services[0].capacity.reserved[2].memory",
            "services[1].capacity",
        ]
        #expect(error.keys == expected, "\(error.description)")
        #expect(error.description.split(separator: "\n").count == expected.count)
    }
}
