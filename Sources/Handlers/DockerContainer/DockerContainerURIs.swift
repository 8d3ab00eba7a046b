/// The task-type URIs the docker-container handler answers to, kept together as data.
public enum DockerContainerURIs {
    /// The canonical URI (API.md §6): the form the seed talk uses.
    public static let canonical = "uri://docker-container"

    /// Every other docker-container URI the IVOA ExecutionBroker work has used (formats.md §8.2),
    /// compared exactly: no case folding, no trailing-slash or http/https equivalence.
    public static let executionBrokerAliases: [String] = [
        "uri:docker-container-1.0",
        "uri:docker-container-0.1",
        "urn:docker-container-0.1",
        "https://www.purl.org/ivoa.net/EB/schema/v1.0/types/executable/docker-container-1.0",
        "https://www.purl.org/ivoa.net/EB/schema/types/executable/docker-container-1.0",
        "https://www.purl.org/ivoa.net/EB/schema/types/executables/docker-container-1.0",
        "https://www.purl.org/ivoa.net/executable-types/docker-container",
        "https://www.purl.org/ivoa.net/executable-types/oci-container",
        "https://www.purl.org/ivoa.net/Calycopis-openapi/schema/v1.0/kinds/executable/docker-container.yaml",
    ]
}
