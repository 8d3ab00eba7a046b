import DockerContainerHandler
import PlannerKernel
import PlannerKernelTesting
import Testing

/// The `taskinfo` fields other than the reference grammar: every field, every problem at once.
@Suite("docker-container taskinfo")
struct TaskInfoTests {
    let handler = DockerContainerTaskType()

    @Test("the seed talk's taskinfo is valid and becomes docker.io/library/example:1.0")
    func seed() throws {
        let outcome = handler.probeTaskInfo(#"{ "image": "docker.io/example:1.0" }"#)
        let task = try #require(outcome.task)
        #expect(task.image.canonical == "docker.io/library/example:1.0")
        #expect(task.platform == .defaultPlatform)
        #expect(task.privileged == false)
        #expect(outcome.warningCodes == [.mutableTag])
    }

    @Test("every field at once")
    func everyField() throws {
        let outcome = handler.probeTaskInfo("""
            {
              "image": "ghcr.io/ivoa/oligia-webtop:ubuntu-2022.01.13",
              "digest": "sha256:\(h64)",
              "platform": "linux/arm64/v8",
              "command": ["--port", "8080"],
              "entrypoint": "/usr/bin/run",
              "environment": {"MODE": "batch", "_TOKEN": "s3cret", "EMPTY": ""},
              "ports": [8080, {"port": 53, "protocol": "UDP"}, {"port": 53}],
              "privileged": true
            }
            """)
        let task = try #require(outcome.task, "\(outcome.report.problems)")
        #expect(task.image.canonical == "ghcr.io/ivoa/oligia-webtop@sha256:\(h64)")
        #expect(task.digest?.description == "sha256:\(h64)")
        #expect(task.platform.description == "linux/arm64/v8")
        #expect(task.platformWasGiven)
        #expect(task.command == ["--port", "8080"])
        #expect(task.entrypoint == ["/usr/bin/run"])
        #expect(task.environment.map(\.name) == ["MODE", "_TOKEN", "EMPTY"])
        #expect(task.ports == [ContainerPort(port: 8080), ContainerPort(port: 53, transport: .udp), ContainerPort(port: 53, transport: .tcp)])
        #expect(task.privileged)
        #expect(outcome.warningCodes == [.tagIgnored])
    }

    @Test("a bad image, a bad port and an unknown key are three problems")
    func threeProblems() {
        let outcome = handler.probeTaskInfo(#"{"image": "Ubuntu", "ports": [70000], "imgae": "ubuntu"}"#)
        #expect(outcome.task == nil)
        #expect(Set(outcome.problemPaths) == ["/taskinfo/image", "/taskinfo/ports/0", "/taskinfo/imgae"])
        #expect(outcome.problemCodes.count == 3)
        #expect(Set(outcome.problemCodes) == [.invalidFormat, .outOfRange, .unknownField])
    }

    @Test("every field wrong at once")
    func everythingWrong() {
        let outcome = handler.probeTaskInfo("""
            {"image": 5, "digest": "md5:x", "platform": "linux", "command": [1], "entrypoint": {},
             "environment": {"1X": "a", "OK": 2}, "ports": ["80", 80, 80], "privileged": "yes"}
            """)
        #expect(outcome.problemPaths == [
            "/taskinfo/image", "/taskinfo/digest", "/taskinfo/platform", "/taskinfo/command/0", "/taskinfo/entrypoint",
            "/taskinfo/environment/1X", "/taskinfo/environment/OK", "/taskinfo/ports/0", "/taskinfo/ports/2", "/taskinfo/privileged",
        ])
        #expect(outcome.problemCodes == [
            .wrongType, .unsupportedDigestAlgorithm, .invalidFormat, .wrongType, .wrongType,
            .invalidFormat, .wrongType, .wrongType, .duplicatePort, .wrongType,
        ])
        #expect(outcome.report.warnings.isEmpty)
    }

    @Test("image is required; null counts as absent")
    func imageRequired() {
        #expect(handler.probeTaskInfo("{}").problemCodes == [.missingField])
        #expect(handler.probeTaskInfo(#"{"image": null}"#).problemPaths == ["/taskinfo/image"])
        #expect(handler.probeTaskInfo(#"{"image": "ubuntu", "privileged": null}"#).task?.privileged == false)
    }

    @Test("digest field: pins the image, must match a written digest, follows the digest rules")
    func digestField() throws {
        let pinned = try #require(handler.probeTaskInfo(#"{"image": "ubuntu:22.04", "digest": "sha256:\#(h64)"}"#).task)
        #expect(pinned.image.canonical == "docker.io/library/ubuntu@sha256:\(h64)")

        let same = handler.probeTaskInfo(#"{"image": "ubuntu@sha256:\#(h64)", "digest": "sha256:\#(h64)"}"#)
        #expect(same.task != nil)
        #expect(same.warningCodes.isEmpty)

        let other = String(repeating: "e", count: 64)
        let conflict = handler.probeTaskInfo(#"{"image": "ubuntu@sha256:\#(h64)", "digest": "sha256:\#(other)"}"#)
        #expect(conflict.problemPaths == ["/taskinfo/digest"])
        #expect(conflict.problemCodes == [.conflictingFields])

        let truncated = handler.probeTaskInfo(#"{"image": "ubuntu", "digest": "sha256:abc"}"#)
        #expect(truncated.problemPaths == ["/taskinfo/digest"])
        #expect(truncated.report.problems.first?.message.contains("has 3 hex digits") == true)

        let bare = handler.probeTaskInfo(#"{"image": "ubuntu", "digest": "\#(h64)"}"#)
        #expect(bare.report.problems.first?.hint == "write sha256:\(h64)")
    }

    @Test(arguments: [
        ("linux/amd64", "linux/amd64"), ("linux/arm64/v8", "linux/arm64/v8"), ("linux/arm/v7", "linux/arm/v7"),
        ("windows/amd64", "windows/amd64"), ("linux/s390x", "linux/s390x"),
    ])
    func platformAccepted(_ written: String, _ expected: String) throws {
        let task = try #require(handler.probeTaskInfo(["image": "ubuntu", "platform": .string(written)]).task)
        #expect(task.platform.description == expected)
    }

    @Test(arguments: [
        ("linux/x86_64", "the OCI name is amd64: write linux/amd64"),
        ("linux/aarch64", "the OCI name is arm64: write linux/arm64"),
        ("Linux/AMD64", "write linux/amd64"),
        ("amd64", "write linux/amd64"),
        ("linux/", "write for example linux/amd64 or linux/arm64/v8"),
        ("macos/arm64", "the OCI name is darwin"),
        ("linux/amd64/v2/x", "write for example linux/amd64 or linux/arm64/v8"),
        ("linux/arm/V7", "write linux/arm/v7"),
    ])
    func platformRefused(_ written: String, _ hint: String) throws {
        let outcome = handler.probeTaskInfo(["image": "ubuntu", "platform": .string(written)])
        #expect(outcome.problemPaths == ["/taskinfo/platform"])
        #expect(outcome.problemCodes == [.invalidFormat])
        #expect(outcome.report.problems.first?.hint == hint)
    }

    @Test("command and entrypoint: a string or an array of strings")
    func commandLines() throws {
        let task = try #require(handler.probeTaskInfo(#"{"image": "ubuntu", "command": "echo hello", "entrypoint": []}"#).task)
        #expect(task.command == ["echo hello"])
        #expect(task.entrypoint == [])
        let bad = handler.probeTaskInfo(#"{"image": "ubuntu", "command": ["ok", 2, true], "entrypoint": 3}"#)
        #expect(bad.problemPaths == ["/taskinfo/command/1", "/taskinfo/command/2", "/taskinfo/entrypoint"])
    }

    @Test("environment: names checked, values never echoed, limits on size and count")
    func environment() throws {
        let secret = "hunter2-very-secret"
        let outcome = handler.probeTaskInfo(["image": "ubuntu", "environment": [
            "GOOD_1": .string(secret), "BAD-NAME": .string(secret), "9LIVES": .string(secret), "": .string(secret),
            "BIG": .string(String(repeating: "x", count: 32 * 1024 + 1)), "NUM": .integer(3),
        ]])
        #expect(outcome.problemPaths == [
            "/taskinfo/environment/BAD-NAME", "/taskinfo/environment/9LIVES", "/taskinfo/environment/",
            "/taskinfo/environment/BIG", "/taskinfo/environment/NUM",
        ])
        #expect(outcome.problemCodes == [.invalidFormat, .invalidFormat, .invalidFormat, .tooLong, .wrongType])
        #expect(outcome.report.problems[0].hint == "write BAD_NAME")
        #expect(outcome.report.problems[4].hint == "quote it")
        for problem in outcome.report.problems {
            #expect(!problem.message.contains(secret) && !(problem.hint ?? "").contains(secret))
            #expect(!problem.message.contains("xxxxxxxx"))
        }
        let exactly32KiB = handler.probeTaskInfo(["image": "ubuntu", "environment": ["BIG": .string(String(repeating: "é", count: 16 * 1024))]])
        #expect(exactly32KiB.task != nil)
        #expect(String(describing: EnvironmentVariable(name: "TOKEN", value: secret)) == "TOKEN=…")
    }

    @Test("environment: at most 256 variables")
    func environmentCount() {
        let many = JSONObject((0...256).map { JSONObject.Member(key: "V\($0)", value: "x") })
        let outcome = handler.probeTaskInfo(["image": "ubuntu", "environment": .object(many)])
        #expect(outcome.problemPaths == ["/taskinfo/environment"])
        #expect(outcome.problemCodes == [.tooLong])
        let enough = JSONObject((0..<256).map { JSONObject.Member(key: "V\($0)", value: "x") })
        #expect(handler.probeTaskInfo(["image": "ubuntu", "environment": .object(enough)]).task?.environment.count == 256)
    }

    @Test("ports: 1–65535, unique per protocol, TCP or UDP")
    func ports() {
        let outcome = handler.probeTaskInfo("""
            {"image": "ubuntu", "ports": [0, 65536, 1, 65535, 8080.5, {"port": 8080, "protocol": "tcp"},
              {"port": 80, "protocol": "HTTP"}, {"protocol": "UDP"}, {"port": 1, "extra": 1}, {"port": 65535, "protocol": "TCP"}]}
            """)
        #expect(outcome.problemPaths == [
            "/taskinfo/ports/0", "/taskinfo/ports/1", "/taskinfo/ports/4", "/taskinfo/ports/5/protocol",
            "/taskinfo/ports/6/protocol", "/taskinfo/ports/7/port", "/taskinfo/ports/8/extra", "/taskinfo/ports/8", "/taskinfo/ports/9",
        ])
        #expect(outcome.problemCodes == [
            .outOfRange, .outOfRange, .wrongType, .invalidFormat, .invalidFormat, .missingField, .unknownField, .duplicatePort, .duplicatePort,
        ])
        #expect(outcome.report.problems[3].hint == "write TCP")
        #expect(outcome.report.problems[4].hint == "HTTP runs over TCP: write TCP")
        let quoted = handler.probeTaskInfo(#"{"image": "ubuntu", "ports": ["8080"]}"#)
        #expect(quoted.report.problems.first?.hint == "write the number without quotes: 8080")
    }

    @Test("a taskinfo that is not an object")
    func notAnObject() {
        let outcome = handler.probeTaskInfo(#"["ubuntu"]"#)
        #expect(outcome.problemPaths == ["/taskinfo"])
        #expect(outcome.problemCodes == [.wrongType])
    }
}
