public import Hummingbird
public import PlannerKernel

/// The request context of plannerd's router.
public struct PlannerRequestContext: RequestContext {
    /// Hummingbird's per-request storage (logger, endpoint path, parameters).
    public var coreContext: CoreRequestContextStorage
    /// Who is asking; set by ``AuthenticationMiddleware`` (anonymous until then).
    public var caller: Caller = .anonymous

    /// A context for a new request.
    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }

    /// Bodies are read with the configured limit by ``AskBodyReader``, not by Hummingbird's default.
    public var maxUploadSize: Int { Int.max }
}
