public import PlannerKernel

extension PlannerConfiguration {
    /// Binds every service's task types to their handlers, letting each handler check the
    /// service's `settings`, and returns the planner.
    /// - Throws: ``ConfigurationError`` naming every unknown task type and bad setting.
    public func makePlanner(registry: TaskTypeRegistry) throws(ConfigurationError) -> OfferPlanner {
        var report = ValidationReport()
        var services: [PlanningService] = []
        for (offset, service) in self.services.enumerated() {
            let path = JSONPointer(tokens: ["services", String(offset)])
            var bound: [BoundTaskType] = []
            for (index, tasktype) in service.tasktypes.enumerated() {
                guard let handler = registry.handler(for: tasktype) else {
                    let known = registry.handlers.flatMap(\.allURIs)
                    report.problem(
                        path.appending("tasktypes").appending(index: index), .unsupportedTaskType,
                        "no handler compiled into this plannerd knows the task type \(tasktype)",
                        hint: known.isEmpty ? "this build has no handlers; build with the handler's trait" : "known task types: \(registry.canonicalURIs.joined(separator: ", "))")
                    continue
                }
                let (settings, settingsPath) = service.settings(for: tasktype, at: path.appending("settings"))
                if let binding = handler.bind(settings: settings, at: settingsPath, report: &report) {
                    bound.append(binding)
                }
            }
            services.append(PlanningService(
                name: service.name, servicetype: service.servicetype, endpoint: service.endpoint,
                taskTypes: bound, limits: service.limits, defaults: service.defaults))
        }
        guard report.problems.isEmpty else { throw ConfigurationError(source: source, problems: report.problems) }
        return OfferPlanner(registry: registry, services: services, options: planning)
    }
}

extension ServiceConfiguration {
    /// The settings block for one task type: the whole block when the service accepts one task
    /// type, else the member named by that task type (as written in `tasktypes`).
    func settings(for tasktype: String, at path: JSONPointer) -> (JSONValue?, JSONPointer) {
        guard tasktypes.count > 1 else { return (settings, path) }
        return (settings?.objectValue?[tasktype], path.appending(tasktype))
    }
}
