import HTTPTypes
import PlannerKernel
public import PlannerStorage

extension ProblemDetails {
    /// The answer for a refused operation on an offer or a booking: `404`, `409` or `503`.
    public static func reservation(_ error: ReservationError) -> ProblemDetails {
        let problem = Problem(path: .root, code: ProblemCode(rawValue: error.code.rawValue), message: error.message)
        switch error.code {
        case .notFound:
            return ProblemDetails(.notFound, detail: error.message, errors: [problem])
        case .notOffered, .notBooked, .capacityVanished:
            return ProblemDetails(.conflict, detail: error.message, errors: [problem])
        default:
            return ProblemDetails(.serviceUnavailable, detail: "the offer store cannot be used right now", errors: [problem])
        }
    }
}
