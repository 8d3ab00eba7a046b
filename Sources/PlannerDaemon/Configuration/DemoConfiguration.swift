public import PlannerKernel

/// The built-in demo configuration (API.md §7): the seed talk's three services, anonymous access,
/// 127.0.0.1:8080. Services whose task type is not compiled into this build are left out.
public enum DemoConfiguration {
    /// The demo services, as a configuration file would declare them.
    public static let services: [ServiceConfiguration] = [
        ServiceConfiguration(
            name: "docker-uws", tasktypes: ["uri://docker-container"], servicetype: "uri://docker-uws",
            endpoint: "http://example.org/uws",
            limits: ServiceLimits(maxcores: 10, maxmemory: MemoryQuantity(bytes: 10_000_000_000, family: .decimal), maxduration: TaskDuration(minutes: 20))),
        ServiceConfiguration(
            name: "kws", tasktypes: ["uri://kubernetes-helm"], servicetype: "uri://kubernetes-helm",
            endpoint: "http://example.org/kws",
            limits: ServiceLimits(maxcores: 240, maxmemory: MemoryQuantity(bytes: 400_000_000_000, family: .decimal), maxduration: TaskDuration(hours: 9, minutes: 30))),
        ServiceConfiguration(
            name: "jupyter", tasktypes: ["uri://jupyter-notebook"], servicetype: "uri://jupyterhub",
            endpoint: "http://example.org/jupyter",
            limits: ServiceLimits(maxcores: 4, maxmemory: MemoryQuantity(bytes: 16_000_000_000, family: .decimal), maxduration: TaskDuration(hours: 8))),
    ]

    /// The source name used in messages.
    public static let source = "the built-in demo configuration"

    /// The demo configuration for a build that knows `registry`'s task types.
    public static func configuration(for registry: TaskTypeRegistry) -> PlannerConfiguration {
        PlannerConfiguration(
            services: services.filter { service in service.tasktypes.allSatisfy { registry.handler(for: $0) != nil } },
            source: source)
    }
}
