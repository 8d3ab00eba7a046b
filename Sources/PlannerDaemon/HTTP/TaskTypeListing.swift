public import PlannerKernel

/// The `GET /tasktypes` document: every compiled-in task type with its aliases, its `taskinfo`
/// fields and the services (name, service type, limits) that accept it and that the caller may use.
public enum TaskTypeListing {
    /// The listing for `planner`'s registry and those of the configured `services` that `caller` may use.
    public static func document(planner: OfferPlanner, services: [ServiceConfiguration], caller: Caller = .anonymous) -> JSONValue {
        .object(JSONObject([.init(key: "tasktypes", value: .array(planner.registry.handlers.map { handler in
            let accepting = services.filter { service in
                service.allow.admits(caller) && service.tasktypes.contains { planner.registry.handler(for: $0)?.canonicalURI == handler.canonicalURI }
            }
            return [
                "tasktype": .string(handler.canonicalURI),
                "aliases": .array(handler.aliases.map { .string($0) }),
                "description": .string(handler.documentation.summary),
                "taskinfo": .array(handler.documentation.fields.map { field in
                    ["name": .string(field.name), "required": .bool(field.required), "description": .string(field.description)]
                }),
                "services": .array(accepting.map(describe)),
            ]
        }))]))
    }

    static func describe(_ service: ServiceConfiguration) -> JSONValue {
        var limits = JSONObject()
        if let maxcores = service.limits.maxcores { limits["maxcores"] = .integer(maxcores) }
        if let maxmemory = service.limits.maxmemory { limits["maxmemory"] = .string(maxmemory.canonical) }
        if let maxduration = service.limits.maxduration { limits["maxduration"] = .string(maxduration.canonical) }
        return ["name": .string(service.name), "servicetype": .string(service.servicetype), "limits": .object(limits)]
    }
}
