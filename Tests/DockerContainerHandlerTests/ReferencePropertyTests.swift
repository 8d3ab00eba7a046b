import DockerContainerHandler
import PlannerKernel
import PlannerKernelTesting
import Testing

/// Properties over many generated strings: no crash, and normalising is idempotent.
@Suite("image reference properties")
struct ReferencePropertyTests {
    static let alphabet = Array("ab0f:/@._-[]%+Ax sha256")

    @Test("4 000 generated strings: every accepted reference re-parses to the same canonical form")
    func idempotent() throws {
        var generator = SeededGenerator(seed: 20_260_501)
        var accepted = 0
        for _ in 0..<4_000 {
            let length = Int.random(in: 0...24, using: &generator)
            var text = String((0..<length).map { _ in Self.alphabet.randomElement(using: &generator) ?? "a" })
            if Bool.random(using: &generator) { text += "@sha256:" + h64 }
            guard let reference = try? ImageReference(parsing: text) else { continue }
            accepted += 1
            let again = try ImageReference(parsing: reference.canonical)
            #expect(again.canonical == reference.canonical, "\(text)")
        }
        #expect(accepted > 20)
    }

    @Test("every refusal carries at least one error with a message")
    func refusalsExplain() {
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<5_000 {
            let length = Int.random(in: 0...16, using: &generator)
            let text = String((0..<length).map { _ in Self.alphabet.randomElement(using: &generator) ?? "a" })
            do {
                _ = try ImageReference(parsing: text)
            } catch {
                #expect(!error.errors.isEmpty)
                #expect(error.errors.allSatisfy { !$0.message.isEmpty })
            }
        }
    }
}
