import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import PlannerDaemon
import PlannerKernel
import Testing

/// Configuration files for the process tests, in the shape of API.md §7.
enum ConfigFiles {
    /// A valid file declaring the demo services of the compiled-in handlers.
    static var valid: String {
        var text = """
            http: { host: 127.0.0.1, port: 8080, maxbody: 1Mi }
            planning: { lookahead: 24h, maxoffers: 4, maxhold: 15m }
            services:

            """
        #if DockerContainer
        text += """
              - name: docker-uws
                tasktypes: [ "uri://docker-container" ]
                servicetype: uri://docker-uws
                endpoint: http://example.org/uws
                limits:   { maxcores: 10, maxmemory: 10G, maxduration: 20m }
                defaults: { cores: 1, memory: 1Gi, duration: 10m }
                settings: { registries: [ "docker.io", "ghcr.io" ], privileged: false }

            """
        #endif
        #if KubernetesHelm
        text += """
              - name: kws
                tasktypes: [ "uri://kubernetes-helm" ]
                servicetype: uri://kubernetes-helm
                endpoint: http://example.org/kws
                limits: { maxcores: 240, maxmemory: 400G, maxduration: 9h30m }

            """
        #endif
        return text
    }

    /// The contract's example of a bad file: `maxcorez` instead of `maxcores`.
    static let misspeltLimit = """
        services:
          - name: docker-uws
            tasktypes: [ "uri://docker-container" ]
            servicetype: uri://docker-uws
            endpoint: http://example.org/uws
            limits: { maxcorez: 10, maxmemory: 10G, maxduration: 20m }

        """
}

/// The built `plannerd` executable, run as a process: serving and stopping, refusing a bad
/// configuration, and `plannerd check`.
@Suite("The plannerd process")
struct ProcessTests {
    @Test("the plannerd executable is built next to the tests")
    func executableExists() throws {
        let url = try Plannerd.executable()
        #expect(FileManager.default.isExecutableFile(atPath: url.path))
    }

    @Test("serve --port 0 answers over HTTP and exits 0 promptly on SIGTERM")
    func serveAndStop() async throws {
        let directory = try TemporaryDirectory()
        let daemon = try await ServingDaemon(["--port", "0"], in: directory)
        #expect(daemon.port > 0)
        let answers = try await TestClient.withClient(host: "127.0.0.1", port: daemon.port) { client in
            let health = try await client.get("/health")
            let plan = try await client.execute(TestClient.Request(
                "/plan", method: .post, authority: "127.0.0.1", headers: [.contentType: "application/json"],
                body: ByteBuffer(string: EndToEndTests.unknownAsk)))
            return (health, plan)
        }
        #expect(answers.0.status == .ok)
        #expect(answers.0.json == ["status": "ok"])
        #expect(answers.1.status == .ok)
        #expect(answers.1.json?.string("/responseword") == "NO")
        #expect(answers.1.headers[.requestID]?.isEmpty == false)
        let stopped = try await daemon.stop(timeout: .seconds(10))
        let outcome = try #require(stopped, "plannerd did not exit within 10 s of SIGTERM:\n\(daemon.stderr.suffix(2000))")
        #expect(outcome.exitedNormally, "plannerd was killed by the signal instead of shutting down")
        #expect(outcome.status == 0, "exit status \(outcome.status):\n\(daemon.stderr.suffix(2000))")
        #expect(daemon.stderr.contains("starting"), "the start-up line is logged")
    }

    @Test("a configuration file with an unknown key stops serve at start: exit 3, the key and the file on stderr")
    func serveRefusesBadConfiguration() async throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write("bad.yaml", ConfigFiles.misspeltLimit)
        let result = try await Plannerd.run(["serve", "--config", file, "--port", "0"], in: directory, timeout: .seconds(60))
        #expect(result.exitedNormally)
        #expect(result.status == 3, "exit status \(result.status); stderr:\n\(result.stderr)")
        #expect(result.stderr.contains("services[0].limits.maxcorez"), "stderr names the key:\n\(result.stderr)")
        #expect(result.stderr.contains(file) || result.stderr.contains("bad.yaml"), "stderr names the file:\n\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test("a missing configuration file stops serve at start with exit 3 naming the file")
    func serveRefusesMissingConfiguration() async throws {
        let directory = try TemporaryDirectory()
        let file = directory.file("absent.yaml").path
        let result = try await Plannerd.run(["serve", "--config", file, "--port", "0"], in: directory, timeout: .seconds(60))
        #expect(result.status == 3, "exit status \(result.status); stderr:\n\(result.stderr)")
        #expect(result.stderr.contains("absent.yaml"), "stderr names the file:\n\(result.stderr)")
    }

    @Test("plannerd --help documents the subcommands and exits 0")
    func help() async throws {
        let directory = try TemporaryDirectory()
        let result = try await Plannerd.run(["--help"], in: directory)
        #expect(result.status == 0)
        let text = result.stdout + result.stderr
        #expect(text.contains("check") && text.contains("serve") && text.contains("tasktypes"), "\(text)")
    }

    @Test("check: exit 3 for an unusable configuration, naming the key and the file")
    func checkBadConfiguration() async throws {
        let directory = try TemporaryDirectory()
        let config = try directory.write("bad.yaml", ConfigFiles.misspeltLimit)
        let ask = try directory.write("ask.json", EndToEndTests.unknownAsk)
        let result = try await Plannerd.run(["check", ask, "--config", config], in: directory)
        #expect(result.status == 3, "exit status \(result.status); stderr:\n\(result.stderr)")
        #expect(result.stderr.contains("services[0].limits.maxcorez") && result.stderr.contains("bad.yaml"), "\(result.stderr)")
        let missing = try await Plannerd.run(["check", ask, "--config", directory.file("absent.yaml").path], in: directory)
        #expect(missing.status == 3, "a missing configuration file: \(missing.status)")
    }

    @Test("check without --config uses the built-in demo: NO for an unknown task type (exit 1), 2 for invalid asks")
    func checkDemo() async throws {
        let directory = try TemporaryDirectory()
        let no = try await Plannerd.run(["check", try directory.write("no.json", EndToEndTests.unknownAsk)], in: directory)
        #expect(no.status == 1, "\(no.stdout)\(no.stderr)")
        #expect(no.json?.string("/responseword") == "NO")
        let invalid = try await Plannerd.run(["check", try directory.write("invalid.json", #"{"tasktype":"not a uri"}"#)], in: directory)
        #expect(invalid.status == 2)
        #expect(invalid.json?.integer("/status") == 422)
        let unreadable = try await Plannerd.run(["check", try directory.write("unreadable.json", "{\"tasktype\":")], in: directory)
        #expect(unreadable.status == 2)
        #expect(unreadable.json?.integer("/status") == 400)
        let absent = try await Plannerd.run(["check", directory.file("absent.json").path], in: directory)
        #expect(absent.status == 2, "an unreadable ask file")
        let stdin = try await Plannerd.run(["check", "-"], in: directory, stdin: Data(EndToEndTests.unknownAsk.utf8))
        #expect(stdin.status == 1, "the ask from standard input")
    }

    #if DockerContainer
    @Test("check --config FILE: exit 0 YES, 1 NO, 2 invalid, printing the same JSON as the daemon")
    func checkMatchesDaemon() async throws {
        let directory = try TemporaryDirectory()
        let config = try directory.write("plannerd.yaml", ConfigFiles.valid)
        let asks: [(name: String, body: String, status: Int32, http: Int)] = [
            ("yes", SeedAsks.docker, 0, 200),
            ("no-service-limit", #"{"tasktype":"uri://docker-container","taskinfo":{"image":"docker.io/example:1.0"},"resources":{"mincores":20}}"#, 1, 200),
            ("no-unknown", EndToEndTests.unknownAsk, 1, 200),
            ("invalid", #"{"tasktype":"uri://docker-container","taskinfo":{},"resources":{"minmemory":"8g"}}"#, 2, 422),
            ("unreadable", #"{"tasktype":"uri://docker-container","tasktype":"x","taskinfo":{}}"#, 2, 400),
        ]
        let daemon = try await ServingDaemon(["--config", config, "--port", "0"], in: directory)
        for ask in asks {
            let file = try directory.write("\(ask.name).json", ask.body)
            let checked = try await Plannerd.run(["check", file, "--config", config], in: directory)
            #expect(checked.status == ask.status, "\(ask.name): exit \(checked.status)\n\(checked.stdout)\(checked.stderr)")
            let served = try await TestClient.withClient(host: "127.0.0.1", port: daemon.port) { client in
                try await client.execute(TestClient.Request(
                    "/plan", method: .post, authority: "127.0.0.1", headers: [.contentType: "application/json"], body: ByteBuffer(string: ask.body)))
            }
            #expect(Int(served.status.code) == ask.http, "\(ask.name): HTTP \(served.status.code)")
            let printed = try #require(checked.json, "\(ask.name): check printed no JSON: \(checked.stdout)")
            let answered = try #require(served.json, "\(ask.name): the daemon answered no JSON")
            #expect(printed.removing("start") == answered.removing("start"), "\(ask.name): check printed\n\(printed.jsonText)\nthe daemon answered\n\(answered.jsonText)")
        }
        let yaml = try directory.write("yes.yaml", """
            tasktype: uri://docker-container
            taskinfo: { image: "docker.io/example:1.0" }
            resources: { mincores: 8, maxcores: 10, minmemory: 8G, maxmemory: 10G, minduration: 10m, maxduration: 20m }

            """)
        let fromYAML = try await Plannerd.run(["check", yaml, "--config", config], in: directory)
        #expect(fromYAML.status == 0, "a YAML ask: exit \(fromYAML.status)\n\(fromYAML.stdout)")
        #expect(fromYAML.json?.integer("/resources/maxcores") == 10)
        let stopped = try await daemon.stop()
        #expect(stopped?.status == 0)
    }
    #endif
}
