import ApptainerHandler
import PlannerKernel
import Testing

@Suite("Apptainer image references")
struct ImageTests {
    static let hex = String(repeating: "0123456789abcdef", count: 4)

    @Test("accepted references and their canonical forms", arguments: [
        ("docker://alpine", "docker://docker.io/library/alpine:latest", false),
        ("docker://alpine:3.20", "docker://docker.io/library/alpine:3.20", false),
        ("docker://ghcr.io/org/tool@sha256:\(hex)", "docker://ghcr.io/org/tool@sha256:\(hex)", true),
        ("oras://ghcr.io/org/tool:1.0", "oras://ghcr.io/org/tool:1.0", false),
        ("oras://localhost:5000/tool:1.0", "oras://localhost:5000/tool:1.0", false),
        ("library://alpine", "library://library/default/alpine:latest", false),
        ("library://alpine:3.20", "library://library/default/alpine:3.20", false),
        ("library://sylabs/examples/lolcow:latest", "library://sylabs/examples/lolcow:latest", false),
        ("library://cloud.sylabs.io/sylabs/examples/lolcow:1.0", "library://cloud.sylabs.io/sylabs/examples/lolcow:1.0", false),
        ("library://localhost:8080/e/c/x", "library://localhost:8080/e/c/x:latest", false),
        ("library://alpine:sif.0123abcd-0123-4567-89ab-0123456789ab", "library://library/default/alpine:sif.0123abcd-0123-4567-89ab-0123456789ab", true),
        ("oras://index.docker.io/org/tool:1", "oras://docker.io/org/tool:1", false),
        ("library://alpine:sha256.\(hex)", "library://library/default/alpine:sha256.\(hex)", true),
    ])
    func accepted(input: String, canonical: String, pinned: Bool) throws {
        let image = try ApptainerImage(parsing: input)
        #expect(image.canonical == canonical)
        #expect(image.isPinned == pinned)
        #expect(try ApptainerImage(parsing: image.canonical) == image, "canonical forms re-parse to themselves")
    }

    @Test("refused references say what to write", arguments: [
        ("alpine:3.20", "has no transport"),
        ("shub://org/tool", "is not one Apptainer pulls from here"),
        ("docker://", "is not an OCI reference"),
        ("docker://UPPER/case", "is not an OCI reference"),
        ("oras://org/tool:1.0", "ORAS has no default registry"),
        ("library://a/b/c/d/e", "path segments"),
        ("library://Alpine", "is not a library name"),
        ("library://alpine:", "is not a library tag"),
        ("library://alpine:sha256.abc", "is not a library tag"),
        ("library://a//b", "is not a library name"),
        ("library://user/tool:1.0", "path segments"),
        ("library://a..b", "is not a library name"),
        ("library://../a/b/c", "is not a library host"),
        ("library://x./a/b/c", "is not a library host"),
        ("library://localhost:99999/a/b/c", "is not a library host"),
        ("library://alpine:-", "is not a library tag"),
        ("library://alpine:sif.not-a-uuid", "is not a library tag"),
    ])
    func refused(input: String, message: String) {
        #expect {
            _ = try ApptainerImage(parsing: input)
        } throws: { error in
            (error as? FormatError)?.message.contains(message) == true
        }
    }
}
