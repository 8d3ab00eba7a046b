import DockerContainerHandler
import PlannerKernel
import PlannerKernelTesting
import Testing

/// 64 × `f`, the `H64` of formats.md §1.5.
let h64 = String(repeating: "f", count: 64)
/// 128 × `f`, the `H128` of formats.md §1.5.
let h128 = String(repeating: "f", count: 128)

/// A reference the planner accepts, with its canonical form and the warnings it must carry.
struct AcceptedReference: CustomTestStringConvertible, Sendable {
    let row: String
    let input: String
    let canonical: String
    var warnings: [ProblemCode] = [.mutableTag]

    var testDescription: String { "§1.5 #\(row): \(input.prefix(60))" }
}

/// A reference the planner refuses: the problem code and words the message must contain.
struct RefusedReference: CustomTestStringConvertible, Sendable {
    let row: String
    let input: String
    let code: ProblemCode
    let says: String

    var testDescription: String { "#\(row): \(input.prefix(60))" }
}

/// Reads `{"image": input}` with a default handler.
func probeImage(_ input: String) -> TaskInfoOutcome<DockerContainerTaskType> {
    DockerContainerTaskType().probeTaskInfo(["image": .string(input)])
}
