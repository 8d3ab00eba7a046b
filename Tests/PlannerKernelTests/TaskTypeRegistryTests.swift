import PlannerKernel
import PlannerKernelTesting
import Testing

@Suite("Task-type registry")
struct TaskTypeRegistryTests {
    @Test("lookups are exact matches on canonical URIs and aliases")
    func exactLookup() throws {
        let registry = try TaskTypeRegistry([ImageTaskType(), NoteTaskType()])
        #expect(registry.handler(for: "uri://image")?.name == "Image")
        #expect(registry.handler(for: "uri:image-1.0")?.name == "Image")
        #expect(registry.handler(for: "uri://note")?.name == "Note")
        for miss in ["URI://image", "uri://image/", "uri://image ", " uri://image", "uri://Image"] {
            #expect(registry.handler(for: miss) == nil, "\(miss)")
        }
        #expect(registry.canonicalURIs == ["uri://image", "uri://note"])
    }

    @Test("a URI claimed twice is an error naming both handlers")
    func duplicate() {
        var clash = NoteTaskType()
        clash.aliases = ["uri:image-1.0"]
        #expect(throws: RegistryError(uri: "uri:image-1.0", firstHandler: "Image", secondHandler: "Note")) {
            try TaskTypeRegistry([ImageTaskType(), clash])
        }
        do {
            _ = try TaskTypeRegistry([ImageTaskType(), clash])
        } catch {
            #expect(error.description.contains("Image") && error.description.contains("Note"))
        }
    }

    @Test("the same handler registered twice is an error")
    func sameTwice() {
        #expect(throws: RegistryError.self) { try TaskTypeRegistry([ImageTaskType(), ImageTaskType()]) }
    }

    @Test("an empty registry is allowed (a daemon built without handlers)")
    func empty() throws {
        #expect(try TaskTypeRegistry([]).handlers.isEmpty)
    }

    @Test("the fake handlers conform")
    func conformance() {
        #expect(HandlerConformance.violations(of: ImageTaskType(), validTaskInfo: [["image": "a:1"]]).isEmpty)
        #expect(HandlerConformance.violations(of: NoteTaskType(), validTaskInfo: [["text": "hi"]]).isEmpty)
    }
}
