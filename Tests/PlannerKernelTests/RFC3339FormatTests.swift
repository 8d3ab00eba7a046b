import Foundation
import Testing
@testable import PlannerKernel
import PlannerKernelTesting

@Suite("RFC 3339 timestamps written directly")
struct RFC3339FormatTests {
    static func foundation(_ date: Date) -> String { date.formatted(Date.ISO8601FormatStyle(timeZone: .gmt)) }

    @Test("the direct writer agrees with Foundation's format style", arguments: [
        0, 1, 59, 86_399, 86_400, 68_169_600, 951_782_400, 951_868_799, 978_307_200, 1_798_761_600,
        4_107_542_400, 4_107_628_800, 253_402_300_799,
    ] as [Int64])
    func agreesOnChosenSeconds(seconds: Int64) {
        #expect(RFC3339.format(seconds: seconds) == Self.foundation(Date(timeIntervalSince1970: TimeInterval(seconds))))
    }

    @Test("agreement on 20 000 pseudo-random instants, fractions dropped")
    func agreesOnManyInstants() {
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<20_000 {
            let seconds = Double(generator.next() % 253_402_300_800) + Double(generator.next() % 1000) / 1000
            let date = Date(timeIntervalSince1970: seconds)
            let direct = RFC3339.format(date)
            #expect(direct == Self.foundation(date), "at \(seconds)")
            if direct != Self.foundation(date) { return }
        }
    }

    @Test("dates outside years 1970–9999 still format through Foundation")
    func outsideTheFastRange() {
        for seconds in [-1.0, -86_400 * 365.0, 253_402_300_800, 300_000_000_000] {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(RFC3339.format(date) == Self.foundation(date))
        }
    }
}
