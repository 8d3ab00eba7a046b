import ArgumentParser
import PlannerKernel

/// `plannerd tasktypes`: lists the task types this build can plan.
struct TaskTypesCommand: PlannerSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "tasktypes",
        abstract: "List the task types compiled into this build, with their aliases and taskinfo fields.")

    @Flag(name: .long, help: "Print JSON instead of text.")
    var json = false

    func run(with context: PlannerContext) throws -> Int32 {
        print(Self.render(context.registry.handlers, json: json), terminator: "")
        return 0
    }

    /// The listing as text or JSON.
    static func render(_ handlers: [AnyTaskTypeHandler], json: Bool) -> String {
        if json {
            let value = JSONValue.array(handlers.map { handler in
                [
                    "name": .string(handler.name),
                    "tasktype": .string(handler.canonicalURI),
                    "aliases": .array(handler.aliases.map { .string($0) }),
                    "summary": .string(handler.documentation.summary),
                ]
            })
            return String(decoding: value.prettySerialized(), as: UTF8.self)
        }
        if handlers.isEmpty { return "no task types are compiled in (build with --traits DockerContainer,KubernetesHelm,Notebook)\n" }
        var text = ""
        for handler in handlers {
            text += "\(handler.canonicalURI)  (\(handler.name))\n  \(handler.documentation.summary)\n"
            for alias in handler.aliases { text += "  alias \(alias)\n" }
            for field in handler.documentation.fields {
                text += "  taskinfo.\(field.name)\(field.required ? " (required)" : ""): \(field.description)\n"
            }
        }
        return text
    }
}
