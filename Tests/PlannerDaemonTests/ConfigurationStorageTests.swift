import PlannerDaemon
import PlannerKernel
import PlannerStorage
import Testing

/// The `storage` block: its default, both engines, and overrides that replace the whole block.
@Suite("Configuration: storage")
struct ConfigurationStorageTests {
    static let services = "services:\n\(ConfigurationFixture.service)"

    @Test("without a storage block, held offers go to plannerd.sqlite")
    func defaultIsSQLite() async throws {
        let configuration = try #require(await ConfigurationFixture.configuration(Self.services))
        #expect(configuration.storage == .sqlite(path: "plannerd.sqlite"))
    }

    @Test("sqlite and postgres are read; the password never shows in the description")
    func bothEngines() async throws {
        let sqlite = try #require(await ConfigurationFixture.configuration("storage: { sqlite: /var/lib/plannerd/state.sqlite }\n" + Self.services))
        #expect(sqlite.storage == .sqlite(path: "/var/lib/plannerd/state.sqlite"))
        let postgres = try #require(await ConfigurationFixture.configuration(
            "storage: { postgres: \"postgres://planner:s3cret@db.example.org:6543/plans?sslmode=require\" }\n" + Self.services))
        guard case .postgres(let location) = postgres.storage else {
            Issue.record("expected postgres, got \(postgres.storage)")
            return
        }
        #expect(location.host == "db.example.org" && location.port == 6543 && location.user == "planner")
        #expect(location.password == "s3cret" && location.database == "plans" && location.tls == .require)
        #expect(!postgres.storage.description.contains("s3cret"))
    }

    @Test("an environment variable or a flag replaces the file's storage block; a flag beats a variable")
    func overrides() async throws {
        let file = "storage: { sqlite: file.sqlite }\n" + Self.services
        let fromEnvironment = try #require(await ConfigurationFixture.configuration(
            file, environment: ["PLANNERD_STORAGE_POSTGRES": "postgres://u@h/d"]))
        #expect(fromEnvironment.storage.description == "postgres://u@h:5432/d?sslmode=prefer")
        let fromFlag = try #require(await ConfigurationFixture.configuration(
            file, environment: ["PLANNERD_STORAGE_POSTGRES": "postgres://u@h/d"], flags: [["storage", "sqlite"]: "flag.sqlite"]))
        #expect(fromFlag.storage == .sqlite(path: "flag.sqlite"))
    }

    @Test("a bad override is reported at its key and names the flag")
    func badOverride() async throws {
        let (_, error) = try #require(await ConfigurationFixture.error(Self.services, flags: [["storage", "postgres"]: "postgres://nobody"]))
        let problem = try #require(error.problem(at: "storage.postgres"))
        #expect(problem.code == .invalidFormat)
        #expect(error.description.contains("--postgres"))
    }
}
