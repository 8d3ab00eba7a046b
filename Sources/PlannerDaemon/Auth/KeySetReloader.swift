import Logging
import ServiceLifecycle
import UnixSignals

/// Re-reads every issuer's JWKS file when the daemon gets SIGHUP, so that an operator (or a cron
/// job fetching the identity provider's `jwks_uri`) can rotate keys without a restart. A file that
/// no longer reads is logged and its issuer keeps the keys it had.
struct KeySetReloader: Service {
    let verifier: TokenVerifier
    let logger: Logger

    func run() async throws {
        let signals = await UnixSignalsSequence(trapping: .sighup)
        for await _ in signals.cancelOnGracefulShutdown() {
            for (issuer, result) in verifier.reload() {
                switch result {
                case .success(let keys):
                    logger.notice("issuer keys reloaded", metadata: ["issuer": "\(issuer)", "kids": "\(keys.keyIDs.joined(separator: ","))"])
                case .failure(let error):
                    logger.error("issuer keys not reloaded; the previous keys stay in use", metadata: ["issuer": "\(issuer)", "error": "\(error.description)"])
                }
            }
        }
    }
}
