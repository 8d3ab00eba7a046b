import Foundation
import Testing

@testable import PlannerStorage

/// Reading `storage.postgres` URLs: the parts, the defaults, percent-encoding, and refusals.
@Suite struct PostgresLocationTests {
    @Test func thePartsAndTheDefaults() throws {
        let location = try PostgresLocation(url: "postgres://planner:secret@db.example.org:6543/plannerd?sslmode=require")
        #expect(location.host == "db.example.org")
        #expect(location.port == 6543)
        #expect(location.user == "planner")
        #expect(location.password == "secret")
        #expect(location.database == "plannerd")
        #expect(location.tls == .require)
        #expect(!location.description.contains("secret"))

        let plain = try PostgresLocation(url: "postgresql://planner@localhost/plannerd")
        #expect(plain.port == 5432)
        #expect(plain.password == nil)
        #expect(plain.tls == .prefer)
    }

    /// Percent-encoded parts are decoded exactly once: a password may contain `%`, `@`, `:` or `/`.
    @Test(arguments: [
        ("postgres://u:100%25@h/db", "u", "100%", "db"),
        ("postgres://u:p%40ss%3Aw%2Frd@h/db", "u", "p@ss:w/rd", "db"),
        ("postgres://u:%2541@h/db", "u", "%41", "db"),
        ("postgres://a%2541:pw@h/db", "a%41", "pw", "db"),
        ("postgres://u:pw@h/my%2520db", "u", "pw", "my%20db"),
    ])
    func percentEncodingIsDecodedOnce(url: String, user: String, password: String, database: String) throws {
        let location = try PostgresLocation(url: url)
        #expect(location.user == user)
        #expect(location.password == password)
        #expect(location.database == database)
    }

    @Test(arguments: [
        "mysql://u@h/db", "postgres://u@/db", "postgres:///db", "postgres://h/db", "postgres://u@h", "postgres://u@h/",
        "postgres://u@h/a/b", "postgres://u@h/db?sslmode=maybe", "postgres://u@h/db?timeout=5", "postgres://u@h:0/db",
    ])
    func malformedURLsAreRefused(url: String) {
        #expect(throws: PostgresLocation.LocationError.self) { try PostgresLocation(url: url) }
    }

    @Test func refusalsNeverQuoteThePassword() {
        do {
            _ = try PostgresLocation(url: "postgres://u:topsecret@h/db?sslmode=nope")
            Issue.record("expected a refusal")
        } catch {
            #expect(!error.description.contains("topsecret"))
        }
    }
}
