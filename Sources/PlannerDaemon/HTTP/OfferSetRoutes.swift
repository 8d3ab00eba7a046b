import Foundation
import Hummingbird
import PlannerKernel
import PlannerStorage

/// `POST /offersets`: the IVOA ExecutionBroker draft's entry point (API.md §9). The request is
/// translated into an ask (``OfferSetRequestReader``), planned and held exactly as `POST /plan`
/// with `hold` set to `planning.maxhold`, and answered in the draft's offer-set shape.
enum OfferSetRoutes {
    static func add(to router: Router<PlannerRequestContext>, service: PlannerService, bodyReader: AskBodyReader) {
        let planner = service.planner
        let book = service.book
        let reader = OfferSetRequestReader(hold: planner.options.maxhold)
        let http = service.configuration.http
        router.post("/offersets") { request, context -> Response in
            let document = try await bodyReader.read(request)
            var report = ValidationReport()
            let translation = reader.read(document, canonicalURI: { planner.registry.handler(for: $0)?.canonicalURI }, report: &report)
            let validation = planner.validate(translation.ask)
            let askProblems: [Problem] = switch validation {
            case .success: []
            case .failure(let invalid): invalid.problems
            }
            let problems = combine(report.problems, askProblems, pointers: translation.pointers)
            guard problems.isEmpty, case .success(let valid) = validation else {
                throw ProblemDetails.invalidAsk(problems, subject: "request")
            }
            let answer = try await ReservationRoutes.storage(context) {
                try await book.plan(valid, caller: context.caller, now: Date())
            }
            let offerSet = OfferSetDocument(answer: answer, translation: translation, baseURL: PublicBaseURL.of(request, configured: http))
            return .document(offerSet.document, for: request)
        }
    }

    /// The translation's problems, then the ask's at the request's pointers, leaving out an ask
    /// problem at, above or below a pointer the translation already reported: a missing executable,
    /// or one without a kind, is one problem, not three.
    static func combine(_ translation: [Problem], _ ask: [Problem], pointers: RequestPointerMap) -> [Problem] {
        let reported = translation.map(\.path.tokens)
        let mapped = ask.map { problem in
            var problem = problem
            problem.path = pointers.request(for: problem.path)
            return problem
        }
        return translation + mapped.filter { problem in
            let tokens = problem.path.tokens
            return !reported.contains { path in tokens.starts(with: path) || path.starts(with: tokens) }
        }
    }
}
