public import PlannerKernel

#if DockerContainer
import DockerContainerHandler
#endif
#if KubernetesHelm
import KubernetesHelmHandler
#endif
#if Notebook
import NotebookHandler
#endif

/// The handlers this build of plannerd was compiled with, chosen by package traits
/// (`--traits DockerContainer,KubernetesHelm,Notebook`; all three by default).
public enum CompiledInHandlers {
    /// The compiled-in handlers, in a fixed order.
    public static var all: [any TaskTypeHandler] {
        var handlers: [any TaskTypeHandler] = []
        #if DockerContainer
        handlers.append(DockerContainerTaskType())
        #endif
        #if KubernetesHelm
        handlers.append(KubernetesHelmTaskType())
        #endif
        #if Notebook
        handlers.append(NotebookTaskType())
        #endif
        return handlers
    }

    /// The names of the traits this build was compiled with.
    public static var traits: [String] {
        var names: [String] = []
        #if DockerContainer
        names.append("DockerContainer")
        #endif
        #if KubernetesHelm
        names.append("KubernetesHelm")
        #endif
        #if Notebook
        names.append("Notebook")
        #endif
        return names
    }
}
