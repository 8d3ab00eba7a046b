import Foundation
import PlannerDaemon
import PlannerKernel
import Testing

@Suite("Configuration file: YAML is read strictly")
struct ConfigurationYAMLTests {
    static let refused: [RefusedConfiguration] = [
        .init(
            yaml: RefusedConfiguration.service("limits: &small { maxcores: 1 }"),
            key: "services[0].limits", code: .invalidYAML, message: "anchors"),
        .init(
            yaml: "x-limits: &small { maxcores: 1 }\n" + RefusedConfiguration.service("limits: *small"),
            key: "services[0].limits", code: .invalidYAML, message: "aliases"),
        .init(
            yaml: "x-limits: &small { maxcores: 1 }\n" + RefusedConfiguration.service("limits: { <<: *small, maxduration: 1h }"),
            key: "services[0].limits.<<", code: .invalidYAML, message: "aliases"),
        .init(yaml: RefusedConfiguration.service("limits: *nowhere"), key: "", code: .invalidYAML, message: "cannot be read"),
        // Yams refuses duplicate keys while it composes the document, before paths are known:
        // the message names the key and the line of its first occurrence.
        .init(yaml: RefusedConfiguration.top("http: { port: 8080, port: 9090 }"), key: "", code: .duplicateKey, message: "the key \"port\" appears more than once in the same mapping (first at line 1, column 9)"),
        .init(yaml: "http: { port: 8080 }\n" + RefusedConfiguration.top("http: { host: 0.0.0.0 }"), key: "", code: .duplicateKey, message: "\"http\""),
        .init(yaml: RefusedConfiguration.service("limits: { maxcores: 4 }\n    limits: { maxcores: 8 }"), key: "", code: .duplicateKey, message: "\"limits\" appears more than once in the same mapping (first at line 6"),
        .init(yaml: RefusedConfiguration.service() + "---\nhttp: { port: 9090 }\n", key: "", code: .invalidYAML, message: "only one YAML document"),
        .init(yaml: "", key: "", code: .invalidYAML, message: "empty"),
        .init(yaml: "# nothing but a comment\n", key: "", code: .invalidYAML, message: "empty"),
        .init(yaml: "http: { port: 8080\n" + RefusedConfiguration.service(), key: "", code: .invalidYAML, message: "cannot be read"),
        .init(yaml: "services:\n\t- name: a\n", key: "", code: .invalidYAML),
        .init(yaml: "- http\n- services\n", key: "", code: .wrongType, message: "a mapping of http, planning, storage, auth and services"),
        .init(yaml: "just a string\n", key: "", code: .wrongType),
        .init(yaml: RefusedConfiguration.top("http: { port: 99999999999999999999 }"), key: "http.port", code: .numberOutOfRange),
        .init(yaml: RefusedConfiguration.top("? [ a, b ]\n: c"), key: "", code: .invalidYAML, message: "plain strings"),
        // The YAML 1.2 core schema: YAML 1.1's yes/on/off, sexagesimal and underscores are strings.
        .init(yaml: RefusedConfiguration.top("auth: { anonymous: on }"), key: "auth.anonymous", code: .wrongType),
        .init(yaml: RefusedConfiguration.top("auth: { anonymous: \"true\" }"), key: "auth.anonymous", code: .wrongType),
        .init(yaml: RefusedConfiguration.top("http: { port: 8_080 }"), key: "http.port", code: .wrongType),
        .init(yaml: RefusedConfiguration.top("http: { port: 2:14:40 }"), key: "http.port", code: .wrongType),
        .init(yaml: RefusedConfiguration.top("http: { port: 0b1 }"), key: "http.port", code: .wrongType),
    ]

    @Test("anchors, aliases, duplicate keys, several documents and unreadable files are refused", arguments: refused)
    func refusedYAML(_ refused: RefusedConfiguration) async throws {
        let (path, error) = try #require(await ConfigurationFixture.error(refused.yaml))
        let problem = try #require(error.problem(at: refused.key), "no problem at \"\(refused.key)\"; got:\n\(error.description)")
        #expect(problem.code == refused.code, "\(error.description)")
        if let message = refused.message {
            #expect(problem.message.contains(message), "message: \(problem.message)")
        }
        let key = refused.key.isEmpty ? "(whole file)" : refused.key
        #expect(error.description.contains("\(path): \(key): "), "\(error.description)")
    }

    @Test("a document start marker and an end marker around one document are fine", .enabled(if: ConfigurationFixture.hasHandlers))
    func markers() async throws {
        let configuration = try #require(await ConfigurationFixture.configuration("%YAML 1.2\n---\n" + RefusedConfiguration.service() + "...\n"))
        #expect(configuration.services.count == 1)
    }

    @Test("a configuration file may start with a UTF-8 byte-order mark (text given to the reader may not)", .enabled(if: ConfigurationFixture.hasHandlers))
    func byteOrderMark() async throws {
        let configuration = try #require(await ConfigurationFixture.configuration("\u{FEFF}" + RefusedConfiguration.service()))
        #expect(configuration.services.count == 1)
        #expect(throws: JSONParseError.self) { try YAMLDocumentReader().parse("\u{FEFF}a: 1\n") }
    }

    @Test("a file that is not UTF-8 is refused")
    func notUTF8() async throws {
        let path = try ConfigurationFixture.write("")
        defer { ConfigurationFixture.remove(path) }
        try Data([0x68, 0x74, 0x74, 0x70, 0x3A, 0x20, 0xFF, 0xFE, 0x0A]).write(to: URL(fileURLWithPath: path))
        let error = try #require(await ConfigurationFixture.loadFile(path).failure)
        #expect(error.problems.map(\.code) == [.invalidEncoding])
        #expect(error.description.hasPrefix("\(path): (whole file): "))
    }

    @Test("settings nested deeper than 64 levels are refused")
    func tooDeep() async throws {
        let deep = String(repeating: "[", count: 70) + String(repeating: "]", count: 70)
        let (_, error) = try #require(await ConfigurationFixture.error(RefusedConfiguration.service("settings: \(deep)")))
        #expect(error.problems.contains { $0.code == .tooDeep })
    }

    static let scalars: [(String, JSONValue)] = [
        ("true", true), ("False", false), ("TRUE", true),
        ("yes", "yes"), ("no", "no"), ("on", "on"), ("off", "off"), ("y", "y"),
        ("~", nil), ("null", nil), ("", nil), ("NULL", nil),
        ("8080", 8080), ("-3", -3), ("+7", 7), ("017", 17), ("0o17", 15), ("0x1F", 31),
        ("0b101", "0b101"), ("1_000", "1_000"), ("1:30", "1:30"), ("0x", "0x"),
        ("1.5", 1.5), ("8e9", 8e9), (".5", 0.5), ("-1.25E2", -125.0),
        ("10G", "10G"), ("20m", "20m"), ("PT8H", "PT8H"), ("2026-12-01", "2026-12-01"),
        ("\"8080\"", "8080"), ("'true'", "true"), ("\"null\"", "null"), ("!!str 12", "12"),
        ("uri://docker-container", "uri://docker-container"), ("=", "="), ("<<", "<<"),
    ]

    @Test("scalars are typed by the YAML 1.2 core schema, as JSON would type them", arguments: scalars)
    func scalar(written: String, expected: JSONValue) throws {
        let value = try YAMLDocumentReader().parse("value: \(written)\n")
        #expect(value.objectValue?["value"] == expected)
    }

    @Test("numbers out of range are refused", arguments: ["99999999999999999999", "-99999999999999999999", "0x1FFFFFFFFFFFFFFFF", "1e400", ".inf", "-.inf", ".nan"])
    func numberOutOfRange(written: String) {
        #expect(throws: JSONParseError.self) { try YAMLDocumentReader().parse("value: \(written)\n") }
        do {
            _ = try YAMLDocumentReader().parse("value: \(written)\n")
        } catch {
            #expect(error.problems.map(\.code) == [.numberOutOfRange])
            #expect(error.problems.first?.path == JSONPointer(tokens: ["value"]))
        }
    }

    @Test("every anchor and alias in one document is reported, each at its path")
    func everyAnchorAndAlias() {
        let text = """
            a: &x 1
            b: *x
            c: [ 2, *x, &y { e: 3 } ]
            d: { f: *y }
            """
        do {
            _ = try YAMLDocumentReader().parse(text)
            Issue.record("the document was accepted")
        } catch {
            let found = error.problems.map { "\($0.path) \($0.code.rawValue) \($0.message.contains("anchors") ? "anchor" : "alias")" }
            #expect(found == ["/a invalid-yaml anchor", "/b invalid-yaml alias", "/c/1 invalid-yaml alias", "/c/2 invalid-yaml anchor", "/d/f invalid-yaml alias"])
        }
    }

    @Test("a duplicate key is refused with the duplicate-key code, naming the key and its line")
    func duplicateKey() {
        do {
            _ = try YAMLDocumentReader().parse("a: 1\nb:\n  c: 1\n  c: 2\n")
            Issue.record("the document was accepted")
        } catch {
            #expect(error.problems.map(\.code) == [.duplicateKey])
            #expect(error.problems.first?.message.contains("\"c\"") == true)
            #expect(error.problems.first?.message.contains("line 3") == true)
        }
    }

    @Test("member order is kept")
    func memberOrder() throws {
        let value = try YAMLDocumentReader().parse("z: 1\na: 2\nm: 3\n")
        #expect(value.objectValue?.keys == ["z", "a", "m"])
    }
}
