import Foundation
public import Hummingbird
import ServiceLifecycle
public import Logging
import Metrics
public import PlannerKernel
public import PlannerStorage
public import Prometheus

/// Everything the HTTP layer needs, built once at start-up.
public struct PlannerService: Sendable {
    /// The validated configuration.
    public var configuration: PlannerConfiguration
    /// The planner built from it.
    public var planner: OfferPlanner
    /// Where `/metrics` reads from; a registry of its own per service, never a global one.
    public var metrics: PrometheusCollectorRegistry
    /// Held offers and bookings.
    public var book: ReservationBook
    /// Verifies bearer tokens against the configured issuers.
    public var verifier: TokenVerifier

    /// A service from a configuration and the task types of this build.
    /// - Throws: ``ConfigurationError`` when a service names an unknown task type or bad settings,
    ///   or the storage cannot be opened.
    public init(configuration: PlannerConfiguration, registry: TaskTypeRegistry, logger: Logger = Logger(label: "plannerd")) throws(ConfigurationError) {
        self.configuration = configuration
        self.planner = try configuration.makePlanner(registry: registry)
        self.metrics = PrometheusCollectorRegistry()
        let engine = try configuration.storage.makeEngine(logger: logger, source: configuration.source)
        self.book = ReservationBook(planner: planner, engine: engine)
        self.verifier = TokenVerifier(issuers: configuration.auth.issuers)
    }

    /// What runs beside the HTTP server: the storage engine's connections and housekeeping.
    func backgroundServices(logger: Logger) -> [any Service] {
        var services: [any Service] = [StorageEngineService(engine: book.engine), ReservationHousekeeping(book: book, logger: logger)]
        if !configuration.auth.issuers.isEmpty { services.append(KeySetReloader(verifier: verifier, logger: logger)) }
        return services
    }
}

/// Builds the plannerd HTTP application; tests call it directly (`app.test(.router)` / `.live`).
public func buildApplication(
    _ service: PlannerService, logger: Logger = Logger(label: "plannerd"),
    onServerRunning: @escaping @Sendable (_ port: Int) async -> Void = { _ in }
) -> some ApplicationProtocol {
    let router = buildRouter(service)
    let http = service.configuration.http
    return Application(
        router: router,
        // The idle timeout also frees connections whose client never closes its side (see docs/performance.md, "Fuzzing").
        server: .http1(configuration: .init(idleTimeout: .seconds(http.idletimeout.seconds))),
        configuration: .init(address: .hostname(http.host, port: http.port), serverName: "plannerd"),
        services: service.backgroundServices(logger: logger),
        onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? http.port) },
        logger: logger)
}

/// The router with every route and middleware.
public func buildRouter(_ service: PlannerService) -> Router<PlannerRequestContext> {
    let router = Router(context: PlannerRequestContext.self, options: .autoGenerateHeadEndpoints)
    let routes = RouteTable.planner
    router.add(middleware: RequestLogMiddleware())
    router.add(middleware: RouteMetricsMiddleware(factory: PrometheusMetricsFactory(registry: service.metrics), routes: routes))
    router.add(middleware: AuthenticationMiddleware(verifier: service.verifier, anonymous: service.configuration.auth.anonymous))
    router.add(middleware: ProblemMiddleware(routes: routes))
    let bodyReader = AskBodyReader(maximumBytes: Int(clamping: service.configuration.http.maxbody))
    let planner = service.planner
    let book = service.book
    let gauges = CapacityGauges(registry: service.metrics, services: service.configuration.services.map(\.name))

    router.post("/plan") { request, context -> Response in
        let document = try await bodyReader.read(request)
        switch planner.validate(document) {
        case .success(let valid):
            let answer = try await ReservationRoutes.storage(context) {
                try await book.plan(valid, caller: context.caller, now: Date())
            }
            return .document(answer.document, for: request)
        case .failure(let invalid):
            throw ProblemDetails.invalidAsk(invalid.problems)
        }
    }
    ReservationRoutes.add(to: router, book: book)
    OfferSetRoutes.add(to: router, service: service, bodyReader: bodyReader)
    DiscoveryRoutes.add(to: router, configuration: service.configuration)
    router.get("/tasktypes") { request, context -> Response in
        .document(TaskTypeListing.document(planner: planner, services: service.configuration.services, caller: context.caller), for: request)
    }
    router.get("/health") { request, _ -> Response in
        .document(["status": "ok"], for: request)
    }
    router.get("/metrics") { _, _ -> Response in
        gauges.update(from: book.ledger, now: Date())
        return Response(
            status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: service.metrics.emitToBuffer())))
    }
    return router
}
