import Foundation
import Hummingbird
import Logging
import PlannerKernel
import PlannerStorage

/// The routes of held offers and bookings (API.md §5).
///
/// Offers and bookings are bound to the caller that asked (``Caller/owner``): another caller gets
/// `404`. For an anonymous ask, the unguessable id itself is the credential.
enum ReservationRoutes {
    static func add(to router: Router<PlannerRequestContext>, book: ReservationBook) {
        router.get("/offers/:id") { request, context -> Response in
            let id = try context.parameters.require("id")
            let offer = try await storage(context) { try await book.offer(id: id, owner: context.caller.owner) }
            return .document(offer.offerDocument(now: Int64(Date().timeIntervalSince1970)), for: request)
        }
        router.post("/offers/:id/accept") { request, context -> Response in
            let id = try context.parameters.require("id")
            let booked = try await storage(context) { try await book.accept(offer: id, owner: context.caller.owner, now: Date()) }
            return .document(booked.bookingDocument() ?? booked.offerDocument(now: Int64(Date().timeIntervalSince1970)), for: request)
        }
        router.post("/offers/:id/reject") { request, context -> Response in
            let id = try context.parameters.require("id")
            let rejected = try await storage(context) { try await book.reject(offer: id, owner: context.caller.owner, now: Date()) }
            return .document(rejected.offerDocument(now: Int64(Date().timeIntervalSince1970)), for: request)
        }
        router.get("/bookings/:id") { request, context -> Response in
            let id = try context.parameters.require("id")
            let booked = try await storage(context) { try await book.booking(id: id, owner: context.caller.owner) }
            return .document(booked.bookingDocument() ?? .null, for: request)
        }
        router.delete("/bookings/:id") { request, context -> Response in
            let id = try context.parameters.require("id")
            let cancelled = try await storage(context) { try await book.cancel(booking: id, owner: context.caller.owner, now: Date()) }
            return .document(cancelled.bookingDocument() ?? .null, for: request)
        }
    }

    /// Runs a storage operation, turning its refusals into `404`/`409` problems and any other
    /// failure (the database unreachable) into a logged `503`, never a `500`.
    static func storage<Value: Sendable>(_ context: PlannerRequestContext, _ operation: () async throws -> Value) async throws -> Value {
        do {
            return try await operation()
        } catch let error as ReservationError {
            throw ProblemDetails.reservation(error)
        } catch let error as ProblemDetails {
            throw error
        } catch {
            context.logger.error("storage failed", metadata: ["error": "\(String(describing: error).prefix(500))"])
            throw ProblemDetails(
                .serviceUnavailable, detail: "the offer store cannot be reached; try again",
                errors: [Problem(path: .root, code: "storage-unavailable", message: "the offer store cannot be reached")])
        }
    }
}
