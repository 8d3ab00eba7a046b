public import PlannerKernel

extension PlannerConfiguration {
    /// Binds every service's task types to their handlers, letting each handler check the
    /// service's `settings`, and returns the planner.
    /// - Throws: ``ConfigurationError`` naming every unknown task type and bad setting.
    public func makePlanner(registry: TaskTypeRegistry) throws(ConfigurationError) -> OfferPlanner {
        var report = ValidationReport()
        let services = Self.bind(Array(zip(self.services.indices, self.services)), registry: registry, report: &report)
        guard report.problems.isEmpty else { throw ConfigurationError(source: source, problems: report.problems) }
        return OfferPlanner(registry: registry, services: services, options: planning)
    }

    /// Binds `services` (each with its index in the file's `services` list, for the paths of
    /// problems) to their handlers, reporting every unknown task type and bad setting.
    static func bind(_ services: [(index: Int, service: ServiceConfiguration)], registry: TaskTypeRegistry, report: inout ValidationReport) -> [PlanningService] {
        var planningServices: [PlanningService] = []
        for (offset, service) in services {
            let path = JSONPointer(tokens: ["services", String(offset)])
            service.checkSettingsKeys(at: path.appending("settings"), report: &report)
            var bound: [BoundTaskType] = []
            var firstIndex: [String: Int] = [:]
            for (index, tasktype) in service.tasktypes.enumerated() {
                let itemPath = path.appending("tasktypes").appending(index: index)
                guard let handler = registry.handler(for: tasktype) else {
                    let known = registry.handlers.flatMap(\.allURIs)
                    report.problem(
                        itemPath, .unsupportedTaskType,
                        "no handler compiled into this plannerd knows the task type \(tasktype)",
                        hint: known.isEmpty ? "this build has no handlers; build with the handler's trait" : "known task types: \(registry.canonicalURIs.joined(separator: ", "))")
                    continue
                }
                if let earlier = firstIndex[handler.canonicalURI] {
                    report.problem(
                        itemPath, .conflictingFields,
                        "\(tasktype) is the same task type as tasktypes[\(earlier)] (\(service.tasktypes[earlier])); list each task type once",
                        hint: "remove one of the two")
                    continue
                }
                firstIndex[handler.canonicalURI] = index
                let (settings, settingsPath) = service.settings(for: tasktype, at: path.appending("settings"))
                if let binding = handler.bind(settings: settings, at: settingsPath, report: &report) {
                    bound.append(binding)
                }
            }
            planningServices.append(PlanningService(
                name: service.name, servicetype: service.servicetype, endpoint: service.endpoint,
                taskTypes: bound, limits: service.limits, defaults: service.defaults,
                capacity: service.capacity?.pool, reserved: service.capacity?.reserved ?? [], access: service.allow))
        }
        return planningServices
    }
}

extension ServiceConfiguration {
    /// The settings block for one task type: the whole block when the service accepts one task
    /// type, else the member named by that task type (as written in `tasktypes`).
    func settings(for tasktype: String, at path: JSONPointer) -> (JSONValue?, JSONPointer) {
        guard tasktypes.count > 1 else { return (settings, path) }
        return (settings?.objectValue?[tasktype], path.appending(tasktype))
    }

    /// For a service with several task types, checks that `settings` is a mapping whose keys are
    /// among its `tasktypes`: otherwise the handlers would silently get their defaults.
    func checkSettingsKeys(at path: JSONPointer, report: inout ValidationReport) {
        guard tasktypes.count > 1, let settings, !settings.isNull else { return }
        let example = "settings: { \"\(tasktypes[0])\": { … }, \"\(tasktypes[1])\": { … } }"
        guard let object = settings.objectValue else {
            report.problem(
                path, .wrongType,
                "a service with several task types keys its settings by task type; expected a mapping, found \(settings.typeDescription)",
                hint: "write \(example)")
            return
        }
        for key in object.keys where !tasktypes.contains(key) {
            report.problem(
                path.appending(key), .unknownField,
                "\"\(key)\" is not one of this service's tasktypes; a service with several task types keys its settings by task type, as written in tasktypes (\(tasktypes.joined(separator: ", ")))",
                hint: "write \(example)")
        }
    }
}
