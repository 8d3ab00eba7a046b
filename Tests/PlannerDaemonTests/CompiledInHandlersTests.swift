import PlannerDaemon
import PlannerKernel
import Testing

@Suite("Compiled-in handlers follow the package traits")
struct CompiledInHandlersTests {
    /// The canonical URIs the enabled traits should register, in order.
    var expectedURIs: [String] {
        var uris: [String] = []
        #if DockerContainer
        uris.append("uri://docker-container")
        #endif
        #if KubernetesHelm
        uris.append("uri://kubernetes-helm")
        #endif
        #if Notebook
        uris.append("uri://jupyter-notebook")
        #endif
        return uris
    }

    @Test("exactly the enabled traits' handlers are registered")
    func registered() throws {
        let registry = try TaskTypeRegistry(CompiledInHandlers.all)
        #expect(registry.canonicalURIs == expectedURIs)
        #expect(CompiledInHandlers.traits.count == expectedURIs.count)
    }

    @Test("no two compiled-in handlers claim the same URI")
    func noClash() {
        #expect(throws: Never.self) { try TaskTypeRegistry(CompiledInHandlers.all) }
    }

    @Test("plannerd tasktypes succeeds and unknown subcommands fail")
    func commandLine() async {
        #expect(await PlannerMain.run(handlers: CompiledInHandlers.all, arguments: ["tasktypes", "--json"]) == 0)
        #expect(await PlannerMain.run(handlers: CompiledInHandlers.all, arguments: ["no-such-command"]) != 0)
    }
}
