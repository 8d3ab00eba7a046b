import Foundation
import Logging
import PlannerStorage
import ServiceLifecycle

/// Keeps a daemon's view of held and booked capacity current while it runs: follows the change
/// log (other daemons' holds and accepts) every `followInterval`, and every `tidyInterval` writes
/// lapsed holds down as `EXPIRED` and trims the log.
///
/// Capacity never waits for it: a hold stops counting at its expiry by the clock, whether or not
/// housekeeping has run.
struct ReservationHousekeeping: Service {
    let book: ReservationBook
    let logger: Logger
    var followInterval: Duration = .seconds(1)
    var tidyInterval: Duration = .seconds(60)

    func run() async throws {
        try await cancelWhenGracefulShutdown { try await loop() }
    }

    private func loop() async throws {
        var sinceTidy: Duration = .zero
        while !Task.isCancelled {
            do {
                if sinceTidy >= tidyInterval {
                    sinceTidy = .zero
                    let report = try await book.tidy(now: Date())
                    if report.expired > 0 || report.prunedChanges > 0 {
                        logger.debug("storage tidied", metadata: ["expired": "\(report.expired)", "pruned": "\(report.prunedChanges)"])
                    }
                } else {
                    try await book.synchronize(now: Date())
                }
            } catch is CancellationError {
                return
            } catch {
                logger.warning("storage housekeeping failed; trying again", metadata: ["error": "\(error)"])
            }
            do {
                try await Task.sleep(for: followInterval)
            } catch {
                return
            }
            sinceTidy += followInterval
        }
    }
}
