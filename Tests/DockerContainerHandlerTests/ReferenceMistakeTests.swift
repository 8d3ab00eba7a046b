import DockerContainerHandler
import PlannerKernel
import PlannerKernelTesting
import Testing

/// The common mistakes of formats.md §1.6 and the planner's stricter rules of §1.7, checked for
/// the message and the hint a user needs to fix them.
@Suite("formats.md §1.6 mistakes and §1.7 stricter rules")
struct ReferenceMistakeTests {
    struct Mistake: CustomTestStringConvertible, Sendable {
        let input: String
        let code: ProblemCode
        let says: String
        let hint: String?
        var testDescription: String { input }
    }

    static let mistakes: [Mistake] = [
        // Upper case copied from a GitHub organisation or repository name.
        .init(input: "ghcr.io/IVOA/Oligia-Webtop:1.0", code: .invalidFormat, says: "must be lower case",
              hint: "write it in lower case: ghcr.io/ivoa/oligia-webtop:1.0"),
        .init(input: "ivoa/analytics/Newton-Rahpson-example", code: .invalidFormat, says: "must be lower case",
              hint: "write it in lower case: ivoa/analytics/newton-rahpson-example"),
        // A pasted URL or web page.
        .init(input: "https://ghcr.io/org/app:1.0", code: .invalidFormat, says: "is a URL", hint: "drop \"https://\": write ghcr.io/org/app:1.0"),
        .init(input: "docker://ubuntu", code: .invalidFormat, says: "is a URL", hint: "drop \"docker://\": write ubuntu"),
        .init(input: "hub.docker.com/r/bitnami/redis", code: .invalidFormat, says: "Docker Hub web page", hint: "write bitnami/redis"),
        .init(input: "hub.docker.com/_/ubuntu", code: .invalidFormat, says: "Docker Hub web page", hint: "write ubuntu"),
        // Digests: upper case, cut short, no algorithm, unsupported algorithms.
        .init(input: "ubuntu@sha256:" + String(repeating: "A", count: 64), code: .invalidFormat, says: "upper-case hex", hint: "lower-case it: sha256:aaaaaaaaaaaaaaaa…"),
        .init(input: "ubuntu@sha256:" + String(repeating: "a", count: 63), code: .invalidFormat, says: "has 63 hex digits; it needs exactly 64", hint: "copy the whole digest: it looks cut short or padded"),
        .init(input: "ubuntu@sha512:" + h64, code: .invalidFormat, says: "has 64 hex digits; it needs exactly 128", hint: "copy the whole digest: it looks cut short or padded"),
        .init(input: "ubuntu@" + h64, code: .invalidFormat, says: "no algorithm prefix", hint: "write sha256:" + h64),
        .init(input: "ubuntu@sha384:" + String(repeating: "f", count: 96), code: .unsupportedDigestAlgorithm, says: "only sha256 and sha512", hint: nil),
        .init(input: "ubuntu@blake3:" + h64, code: .unsupportedDigestAlgorithm, says: "only sha256 and sha512", hint: nil),
        .init(input: "ubuntu@SHA256:" + h64, code: .unsupportedDigestAlgorithm, says: "not supported", hint: "write the algorithm in lower case: sha256"),
        .init(input: "ubuntu@sha256:" + String(repeating: "g", count: 64), code: .invalidFormat, says: "'g', which is not a hex digit", hint: nil),
        // '+' in a tag (SemVer build metadata).
        .init(input: "ubuntu:v1+build", code: .invalidFormat, says: "contains '+'", hint: "write ubuntu:v1_build (Helm maps '+' to '_' the same way)"),
        // Whitespace.
        .init(input: "ubuntu latest", code: .invalidFormat, says: "contains a space", hint: "to give a tag, join them with ':': ubuntu:latest"),
        .init(input: " ubuntu", code: .invalidFormat, says: "does not trim", hint: "write ubuntu"),
        .init(input: "ubuntu\t", code: .invalidFormat, says: "does not trim", hint: "write ubuntu"),
        .init(input: "ubüntu", code: .invalidFormat, says: "contains 'ü'", hint: nil),
        // §1.7: stricter than Docker.
        .init(input: "UBUNTU/ubuntu", code: .invalidFormat, says: "stricter than Docker", hint: "write it in lower case: ubuntu/ubuntu"),
        .init(input: "Team/app:1.0", code: .invalidFormat, says: "stricter than Docker", hint: "write it in lower case: team/app:1.0"),
        .init(input: "localhost:0/app", code: .outOfRange, says: "stricter than Docker", hint: nil),
        .init(input: "localhost:65536/app", code: .outOfRange, says: "outside 1–65535", hint: nil),
        .init(input: "localhost:99999999999999999999/app", code: .outOfRange, says: "outside 1–65535", hint: nil),
        .init(input: "registry.example.org/" + String(repeating: "a", count: 240), code: .tooLong, says: "stricter than Docker", hint: nil),
        // Registries.
        .init(input: "localhost:/app", code: .invalidFormat, says: "no port number", hint: "remove the ':' or add the port, such as :5000"),
        .init(input: "localhost:http/app", code: .invalidFormat, says: "is not a number", hint: nil),
        .init(input: "a_b.example.org/app", code: .invalidFormat, says: "contains '_'", hint: nil),
        .init(input: "-a.example.org/app", code: .invalidFormat, says: "starts or ends with '-'", hint: nil),
        .init(input: "a..example.org/app", code: .invalidFormat, says: "empty label", hint: nil),
        .init(input: "ghcr.io/", code: .invalidFormat, says: "no repository path", hint: "add the repository, such as ghcr.io/team/app"),
        .init(input: "[::ffff:192.0.2.1]:5000/app", code: .invalidFormat, says: "embeds an IPv4 address", hint: "write the IPv4 address on its own, without brackets"),
        .init(input: "[1::2::3]:5000/app", code: .invalidFormat, says: "not a valid IPv6 address", hint: nil),
        .init(input: "[1:2:3:4:5:6:7:8:9]/app", code: .invalidFormat, says: "not a valid IPv6 address", hint: nil),
        .init(input: "[2001:db8::1/app", code: .invalidFormat, says: "not closed", hint: nil),
        .init(input: "[2001:db8::1]x/app", code: .invalidFormat, says: "only :port may follow", hint: nil),
        // Path and tag characters.
        .init(input: "team/my+app", code: .invalidFormat, says: "contains '+'", hint: nil),
        .init(input: "a.-b", code: .invalidFormat, says: "separator \".-\"", hint: nil),
        .init(input: "ubuntu:1.0@sha256:\(h64)@x", code: .invalidFormat, says: "more than one '@'", hint: nil),
        // A ':' before a '/' makes the first component a registry with a port.
        .init(input: "ubuntu:a/b", code: .invalidFormat, says: "port \"a\" in \"ubuntu:a\" is not a number", hint: nil),
    ]

    @Test(arguments: mistakes)
    func mistake(_ mistake: Mistake) throws {
        let outcome = probeImage(mistake.input)
        #expect(outcome.task == nil)
        #expect(outcome.problemPaths == ["/taskinfo/image"])
        let problem = try #require(outcome.report.problems.first)
        #expect(problem.code == mistake.code)
        #expect(problem.message.contains(mistake.says), "\(problem.message)")
        if let hint = mistake.hint { #expect(problem.hint == hint) }
    }

    @Test("a registry without a path silently becomes a Docker Hub image: warned, not refused")
    func registryLookalikes() throws {
        for input in ["myregistry:5000", "localhost:5000", "registry.example.org", "foo_bar.com:8080", "localhost"] {
            let outcome = probeImage(input)
            #expect(outcome.task != nil, "\(input)")
            #expect(outcome.warningCodes.contains(.looksLikeRegistry), "\(input)")
            let warning = try #require(outcome.report.warnings.first { $0.code == .looksLikeRegistry })
            #expect(warning.message.contains("not as a registry"))
        }
        // Ordinary numeric tags of official images are not mistaken for ports.
        for input in ["node:20", "postgres:16", "python:3"] {
            #expect(probeImage(input).warningCodes == [.mutableTag], "\(input)")
        }
    }

    @Test("latest, implied or written, is a mutable tag")
    func mutableTag() throws {
        for input in ["ubuntu", "ubuntu:latest", "ghcr.io/org/app:1.0"] {
            let outcome = probeImage(input)
            let warning = try #require(outcome.report.warnings.first)
            #expect(warning.code == .mutableTag)
            #expect(warning.path.description == "/taskinfo/image")
            #expect(warning.message.contains("tag is mutable; result not reproducible"))
        }
        #expect(probeImage("ubuntu").report.warnings.first?.message.contains("latest is implied") == true)
    }

    @Test("ubuntu and docker.io/ubuntu are the same image")
    func sameImage() throws {
        let short = try ImageReference(parsing: "ubuntu")
        let long = try ImageReference(parsing: "docker.io/library/ubuntu:latest")
        #expect(short.canonical == long.canonical)
        #expect(try ImageReference(parsing: "index.docker.io/ubuntu").canonical == long.canonical)
    }

    @Test("upper case in a registry host is kept as typed, like Docker")
    func upperCaseDomain() throws {
        let reference = try ImageReference(parsing: "Registry.Example.org/app")
        #expect(reference.domain == "Registry.Example.org")
        #expect(reference.canonical == "Registry.Example.org/app:latest")
    }

    @Test("independent problems in one reference are all reported")
    func everyProblemInOneReference() {
        let outcome = probeImage("Example.com:70000/Team:-tag@sha384:" + String(repeating: "f", count: 96))
        #expect(outcome.problemCodes == [.outOfRange, .invalidFormat, .invalidFormat, .unsupportedDigestAlgorithm])
        #expect(outcome.problemPaths == Array(repeating: "/taskinfo/image", count: 4))
    }

    @Test("limits: 128-character tag, 255-character path and domain/path")
    func limits() throws {
        let path243 = String(repeating: "a", count: 243)
        #expect(try ImageReference(parsing: "example.com/" + path243).name.count == 255)
        #expect(throws: ImageReferenceError.self) { try ImageReference(parsing: "example.com/" + path243 + "a") }
        // On Docker Hub the implied library/ counts towards the path.
        let path237 = String(repeating: "b", count: 237)
        #expect(try ImageReference(parsing: path237).name == "docker.io/library/" + path237)
        #expect(throws: ImageReferenceError.self) { try ImageReference(parsing: path237 + "b") }
        // An image string longer than the field limit is too-long before any parsing.
        #expect(probeImage(String(repeating: "a", count: 2000)).problemCodes == [.tooLong])
    }

    @Test("digests parse on their own")
    func digests() throws {
        let digest = try ImageDigest(parsing: "sha512:" + h128)
        #expect(digest.algorithm == .sha512)
        #expect(digest.description == "sha512:" + h128)
        #expect(throws: FormatError.self) { try ImageDigest(parsing: "") }
        #expect(throws: FormatError.self) { try ImageDigest(parsing: "sha256") }
        #expect(throws: FormatError.self) { try ImageDigest(parsing: "1sha:" + h64) }
    }
}
