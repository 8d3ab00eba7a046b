import DockerContainerHandler
import PlannerKernel
import PlannerKernelTesting
import Testing

/// Every vector of formats.md §1.5, through the handler's `taskinfo` reader.
@Suite("formats.md §1.5 image reference vectors")
struct ImageReferenceVectorTests {
    static let acceptedVectors: [AcceptedReference] = [
        .init(row: "1", input: "ubuntu", canonical: "docker.io/library/ubuntu:latest"),
        .init(row: "2", input: "ubuntu:22.04", canonical: "docker.io/library/ubuntu:22.04"),
        .init(row: "3", input: "library/ubuntu", canonical: "docker.io/library/ubuntu:latest"),
        .init(row: "4", input: "docker.io/ubuntu", canonical: "docker.io/library/ubuntu:latest"),
        .init(row: "5", input: "index.docker.io/library/ubuntu", canonical: "docker.io/library/ubuntu:latest"),
        .init(row: "6", input: "bitnami/redis:7.2", canonical: "docker.io/bitnami/redis:7.2"),
        .init(row: "7", input: "ghcr.io/ivoa/oligia-webtop:ubuntu-2022.01.13", canonical: "ghcr.io/ivoa/oligia-webtop:ubuntu-2022.01.13"),
        .init(row: "8a", input: "localhost/myimg", canonical: "localhost/myimg:latest"),
        .init(row: "8b", input: "localhost:5000/team/app:v1", canonical: "localhost:5000/team/app:v1"),
        .init(row: "9", input: "myregistry:5000/app", canonical: "myregistry:5000/app:latest"),
        .init(row: "10", input: "registry.example.org:5000/a/b/c/d:1.0.0-rc.1", canonical: "registry.example.org:5000/a/b/c/d:1.0.0-rc.1"),
        .init(row: "11a", input: "192.168.1.1:5000/repo", canonical: "192.168.1.1:5000/repo:latest"),
        .init(row: "11b", input: "[2001:db8::1]:5000/repo:tag", canonical: "[2001:db8::1]:5000/repo:tag"),
        .init(row: "12", input: "ubuntu@sha256:\(h64)", canonical: "docker.io/library/ubuntu@sha256:\(h64)", warnings: []),
        .init(row: "13", input: "ubuntu:22.04@sha256:\(h64)", canonical: "docker.io/library/ubuntu@sha256:\(h64)", warnings: [.tagIgnored]),
        .init(row: "14", input: "ubuntu@sha512:\(h128)", canonical: "docker.io/library/ubuntu@sha512:\(h128)", warnings: []),
        .init(row: "15a", input: "my_image", canonical: "docker.io/library/my_image:latest"),
        .init(row: "15b", input: "my__image", canonical: "docker.io/library/my__image:latest"),
        .init(row: "15c", input: "foo---bar/baz", canonical: "docker.io/foo---bar/baz:latest"),
        .init(row: "16a", input: "ubuntu:_tag", canonical: "docker.io/library/ubuntu:_tag"),
        .init(row: "16b", input: "lowercase:Uppercase", canonical: "docker.io/library/lowercase:Uppercase"),
        .init(row: "17", input: "ubuntu:" + String(repeating: "t", count: 128), canonical: "docker.io/library/ubuntu:" + String(repeating: "t", count: 128)),
        .init(row: "19", input: "docker.io/" + h64, canonical: "docker.io/library/\(h64):latest"),
        .init(row: "20", input: "foo_bar.com:8080", canonical: "docker.io/library/foo_bar.com:8080", warnings: [.looksLikeRegistry, .mutableTag]),
        .init(row: "21", input: "myregistry:5000", canonical: "docker.io/library/myregistry:5000", warnings: [.looksLikeRegistry, .mutableTag]),
    ]

    static let refusedVectors: [RefusedReference] = [
        // #18 is valid for Docker (path of exactly 255) but the planner also limits domain/path to 255 (§1.7 b).
        .init(row: "18 (planner stricter)", input: "example.com/" + String(repeating: "a", count: 255), code: .tooLong, says: "stricter than Docker"),
        .init(row: "22 (planner stricter)", input: "UBUNTU/ubuntu", code: .invalidFormat, says: "stricter than Docker"),
        .init(row: "23", input: "Ubuntu", code: .invalidFormat, says: "must be lower case"),
        .init(row: "24", input: "ivoa/analytics/Newton-Rahpson-example", code: .invalidFormat, says: "must be lower case"),
        .init(row: "25a", input: "ubuntu:", code: .invalidFormat, says: "tag after ':'"),
        .init(row: "25b", input: "ubuntu:latest:latest", code: .invalidFormat, says: "more than one ':'"),
        .init(row: "26a", input: ":tag", code: .invalidFormat, says: "no repository name"),
        .init(row: "26b", input: "@sha256:\(h64)", code: .invalidFormat, says: "no repository name"),
        .init(row: "26c", input: "", code: .invalidFormat, says: "empty"),
        .init(row: "27", input: "ubuntu@sha256:abc", code: .invalidFormat, says: "has 3 hex digits; it needs exactly 64"),
        .init(row: "28", input: "ubuntu@sha256:" + String(repeating: "F", count: 64), code: .invalidFormat, says: "upper-case hex"),
        .init(row: "29", input: "repo@sha256:" + String(repeating: "f", count: 34), code: .invalidFormat, says: "has 34 hex digits"),
        .init(row: "30", input: "ubuntu@md5:" + String(repeating: "f", count: 32), code: .unsupportedDigestAlgorithm, says: "not supported"),
        .init(row: "31", input: "my___image", code: .invalidFormat, says: "separator \"___\""),
        .init(row: "32a", input: "-image", code: .invalidFormat, says: "starts with '-'"),
        .init(row: "32b", input: "image-", code: .invalidFormat, says: "ends with '-'"),
        .init(row: "32c", input: "a..b", code: .invalidFormat, says: "separator \"..\""),
        .init(row: "32d", input: "a/b/", code: .invalidFormat, says: "empty component"),
        .init(row: "32e", input: "docker///docker", code: .invalidFormat, says: "empty component"),
        .init(row: "33a", input: "ubuntu:-tag", code: .invalidFormat, says: "starts with '-'"),
        .init(row: "33b", input: "ubuntu:.tag", code: .invalidFormat, says: "starts with '.'"),
        .init(row: "33c", input: "ubuntu:" + String(repeating: "t", count: 129), code: .tooLong, says: "129 characters long; the limit is 128"),
        .init(row: "34", input: "ubuntu:v1+build", code: .invalidFormat, says: "contains '+'"),
        .init(row: "35", input: "example.com/" + String(repeating: "a", count: 256), code: .tooLong, says: "256 characters long; the limit is 255"),
        .init(row: "36", input: h64, code: .invalidFormat, says: "bare 64-hex image ID"),
        .init(row: "37a", input: "https://docker.io/library/ubuntu", code: .invalidFormat, says: "is a URL"),
        .init(row: "37b", input: "oci://ghcr.io/org/chart", code: .invalidFormat, says: "oci:// is Helm's"),
        .init(row: "38a", input: "ubuntu latest", code: .invalidFormat, says: "contains a space"),
        .init(row: "38b", input: "ubuntu:22.04 ", code: .invalidFormat, says: "trailing whitespace"),
        .init(row: "39a", input: "[fe80::1%eth0]:5000/repo", code: .invalidFormat, says: "zone identifier"),
        .init(row: "39b", input: "[2001:db8::1]:5000", code: .invalidFormat, says: "without a repository path"),
        .init(row: "40", input: "test.com:5000/Uppercase/lowercase:tag", code: .invalidFormat, says: "must be lower case"),
    ]

    @Test(arguments: acceptedVectors)
    func accepted(_ vector: AcceptedReference) throws {
        let outcome = probeImage(vector.input)
        let task = try #require(outcome.task, "\(outcome.report.problems)")
        #expect(task.image.canonical == vector.canonical)
        #expect(outcome.warningCodes == vector.warnings)
        #expect(outcome.report.warnings.allSatisfy { $0.path.description == "/taskinfo/image" })
        // The parser on its own agrees with the handler.
        #expect(try ImageReference(parsing: vector.input).canonical == vector.canonical)
    }

    @Test(arguments: refusedVectors)
    func refused(_ vector: RefusedReference) throws {
        let outcome = probeImage(vector.input)
        #expect(outcome.task == nil)
        #expect(outcome.problemPaths == ["/taskinfo/image"])
        let problem = try #require(outcome.report.problems.first)
        #expect(problem.code == vector.code)
        #expect(problem.message.contains(vector.says), "\(problem.message)")
        #expect(outcome.report.warnings.isEmpty)
    }

    @Test("row 8 to 11: registries keep their domain, Docker Hub gets library/")
    func domains() throws {
        #expect(try ImageReference(parsing: "localhost:5000/team/app:v1").domain == "localhost:5000")
        #expect(try ImageReference(parsing: "ubuntu").domain == "docker.io")
        #expect(try ImageReference(parsing: "ubuntu").path == "library/ubuntu")
        #expect(try ImageReference(parsing: "index.docker.io/ubuntu").canonical == "docker.io/library/ubuntu:latest")
        #expect(try ImageReference(parsing: "[2001:db8::1]:5000/repo:tag").domain == "[2001:db8::1]:5000")
    }
}
