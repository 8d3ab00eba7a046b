import ArgumentParser
import Foundation
import PlannerKernel

/// `plannerd check ASK [--config FILE]`: answers one ask offline, printing what the daemon would return.
struct CheckCommand: PlannerSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Answer one ask offline and print the JSON the daemon would return.",
        discussion: """
            The ask is read as YAML when the file name ends in .yaml or .yml, else as JSON; '-' reads \
            standard input as JSON. Exit status: 0 for YES, 1 for NO, 2 for an invalid ask (the \
            problem document is printed), 3 for an unusable configuration. With --subject (and \
            --group, --issuer), the ask is answered as that authenticated caller would be answered, \
            so that an operator can check the services' allow lists; no token is needed.
            """)

    @Argument(help: ArgumentHelp("The ask document.", valueName: "ASK"))
    var ask: String

    @OptionGroup var options: ConfigurationOptions

    @Option(help: ArgumentHelp("Answer as this authenticated subject (default: an anonymous caller).", valueName: "SUBJECT"))
    var subject: String?

    @Option(name: .customLong("group"), help: ArgumentHelp("A group of --subject; repeat for several.", valueName: "GROUP"))
    var groups: [String] = []

    @Option(help: ArgumentHelp("The issuer that vouches for --subject, as in auth.issuers (default: none, which allow.issuers refuses).", valueName: "ISSUER"))
    var issuer: String?

    func validate() throws {
        if !groups.isEmpty && subject == nil { throw ValidationError("--group needs --subject: anonymous callers have no groups") }
        if issuer != nil && subject == nil { throw ValidationError("--issuer needs --subject: anonymous callers have no issuer") }
        if subject?.isEmpty == true { throw ValidationError("--subject must not be empty") }
    }

    func run(with context: PlannerContext) async throws -> Int32 {
        let planner: OfferPlanner
        do {
            let configuration = try await ConfigurationLoader().load(file: options.config, registry: context.registry)
            planner = try configuration.makePlanner(registry: context.registry)
        } catch {
            printError("plannerd: the configuration cannot be used:\n\(error.description)")
            return 3
        }
        let data: Data?
        if ask == "-" { data = FileHandle.standardInput.readDataToEndOfFile() } else { data = FileManager.default.contents(atPath: ask) }
        guard let data else {
            printError("plannerd: cannot read the ask \(ask)")
            return 2
        }
        let document: JSONValue
        do {
            if ask.hasSuffix(".yaml") || ask.hasSuffix(".yml") {
                guard let text = String(data: data, encoding: .utf8) else {
                    throw JSONParseError(problems: [Problem(path: .root, code: .invalidEncoding, message: "the ask is not UTF-8")])
                }
                document = try YAMLDocumentReader().parse(text)
            } else {
                document = try StrictJSONParser().parse(data)
            }
        } catch let error as JSONParseError {
            emit(ProblemDetails.unreadableBody(error.problems).document)
            return 2
        }
        switch planner.plan(document, now: Date(), caller: Caller(subject: subject, issuer: issuer, groups: Set(groups))) {
        case .answer(let answer):
            emit(answer.document)
            return answer.responseword == .yes ? 0 : 1
        case .invalid(let problems):
            emit(ProblemDetails.invalidAsk(problems).document)
            return 2
        }
    }

    func emit(_ value: JSONValue) {
        FileHandle.standardOutput.write(Data(value.prettySerialized()))
    }
}
