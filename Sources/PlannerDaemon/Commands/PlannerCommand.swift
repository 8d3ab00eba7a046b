public import ArgumentParser
import Foundation
public import PlannerKernel

/// The `plannerd` command line: the root command and its subcommands.
public struct PlannerCommand: ParsableCommand {
    /// The command's help and subcommands.
    public static let configuration = CommandConfiguration(
        commandName: "plannerd",
        abstract: "An execution planner: answers \"can I run this task here, with what resources, and where do I send it?\"",
        subcommands: [ServeCommand.self, CheckCommand.self, TaskTypesCommand.self],
        defaultSubcommand: ServeCommand.self)

    /// A root command (used by ArgumentParser).
    public init() {}
}

/// What every subcommand runs with: the registry built from the handlers the build passed in.
public struct PlannerContext: Sendable {
    /// The task types this build knows.
    public var registry: TaskTypeRegistry

    /// A context for `handlers`.
    /// - Throws: ``RegistryError`` when two handlers claim one URI.
    public init(handlers: [any TaskTypeHandler]) throws(RegistryError) {
        registry = try TaskTypeRegistry(handlers)
    }
}

/// A subcommand that needs the planner's context.
protocol PlannerSubcommand: ParsableCommand {
    /// Runs the subcommand and returns the process exit status.
    func run(with context: PlannerContext) async throws -> Int32
}

/// The entry point a plannerd build calls with its handlers; an operator's own package can add
/// community handlers: `await PlannerMain.run(handlers: CompiledInHandlers.all + [MyTaskType()])`.
public enum PlannerMain {
    /// Parses `arguments` (without the program name), runs the chosen subcommand and returns the exit status.
    public static func run(handlers: [any TaskTypeHandler], arguments: [String]) async -> Int32 {
        do {
            let command = try PlannerCommand.parseAsRoot(arguments)
            guard let subcommand = command as? any PlannerSubcommand else {
                var plain = command
                try plain.run()
                return 0
            }
            let context: PlannerContext
            do { context = try PlannerContext(handlers: handlers) } catch {
                printError("plannerd: cannot start: \(error.description)")
                return 2
            }
            return try await subcommand.run(with: context)
        } catch {
            let message = PlannerCommand.fullMessage(for: error)
            let code = PlannerCommand.exitCode(for: error)
            if code == .success { print(message) } else if !message.isEmpty { printError(message) }
            return code.rawValue
        }
    }
}

/// Writes a line to standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
