import ArgumentParser
import Foundation
import Hummingbird
import Logging
import PlannerKernel
import UnixSignals

/// `plannerd [serve] [--config FILE] [--host HOST] [--port PORT]`: answers over HTTP until SIGTERM or SIGINT.
struct ServeCommand: PlannerSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Answer asks over HTTP (the default). Without --config, serve the built-in demo configuration.",
        discussion: """
            Configuration layers, each overriding the one before: the YAML file, environment variables \
            (PLANNERD_HTTP_HOST, PLANNERD_HTTP_PORT, PLANNERD_HTTP_MAXBODY, PLANNERD_PLANNING_LOOKAHEAD, \
            PLANNERD_PLANNING_MAXOFFERS, PLANNERD_PLANNING_MAXHOLD, PLANNERD_STORAGE_SQLITE, \
            PLANNERD_STORAGE_POSTGRES), then these flags. SIGTERM and SIGINT \
            stop the server gracefully: requests in flight are answered first. SIGHUP re-reads \
            the JWKS files of auth.issuers.
            """)

    @OptionGroup var options: ConfigurationOptions

    @Option(help: "The address to listen on (default 127.0.0.1).")
    var host: String?

    @Option(help: "The port to listen on (default 8080; 0 picks a free port).")
    var port: Int?

    @Option(help: ArgumentHelp("Keep held offers and bookings in this SQLite file (default plannerd.sqlite).", valueName: "FILE"))
    var sqlite: String?

    @Option(help: ArgumentHelp("Keep held offers and bookings in this PostgreSQL database, shared with other daemons.", valueName: "postgres://user@host[:port]/database"))
    var postgres: String?

    @Option(help: "The log level: trace, debug, info, notice, warning, error or critical.")
    var logLevel: String = "info"

    func validate() throws {
        if sqlite != nil && postgres != nil { throw ValidationError("give --sqlite or --postgres, not both") }
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical")
        }
    }

    func run(with context: PlannerContext) async throws -> Int32 {
        var flags: [[String]: String] = [:]
        if let host { flags[["http", "host"]] = host }
        if let port { flags[["http", "port"]] = String(port) }
        if let sqlite { flags[["storage", "sqlite"]] = sqlite }
        if let postgres { flags[["storage", "postgres"]] = postgres }
        let service: PlannerService
        do {
            let configuration = try await ConfigurationLoader().load(file: options.config, flags: flags, registry: context.registry)
            service = try PlannerService(configuration: configuration, registry: context.registry, logger: Logger(label: "plannerd.storage"))
        } catch {
            printError("plannerd: the configuration cannot be used:\n\(error.description)")
            return 3
        }
        var logger = Logger(label: "plannerd")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        logger.info("starting", metadata: [
            "configuration": "\(service.configuration.source)",
            "services": "\(service.configuration.services.map(\.name).joined(separator: ","))",
            "tasktypes": "\(context.registry.canonicalURIs.joined(separator: ","))",
            "storage": "\(service.configuration.storage)",
        ])
        for issuer in service.configuration.auth.issuers {
            logger.info("trusting issuer", metadata: [
                "issuer": "\(issuer.issuer)", "audience": "\(issuer.audience)", "kids": "\(issuer.keys.keyIDs.joined(separator: ","))",
                "skipped": "\(issuer.keys.skipped.joined(separator: "; "))",
            ])
        }
        // A SIGHUP (a service manager's reload, log rotation) must never end the daemon: ignored
        // from the start, and, with issuers, trapped by the key reloader to re-read their files.
        signal(SIGHUP, SIG_IGN)
        let app = buildApplication(service, logger: logger)
        try await app.runService(gracefulShutdownSignals: [.sigterm, .sigint])
        return 0
    }
}

/// The `--config` option shared by the subcommands.
struct ConfigurationOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The YAML configuration file (default: the built-in demo configuration).", valueName: "FILE"))
    var config: String?
}
