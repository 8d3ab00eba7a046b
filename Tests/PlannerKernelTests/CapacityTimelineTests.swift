import PlannerKernel
import Testing

@Suite("Capacity timeline")
struct CapacityTimelineTests {
    typealias Amount = CapacityTimeline.Amount

    /// Brute force over every second.
    func brutePeak(_ list: [(Int64, Int64, Amount)], _ start: Int64, _ end: Int64) -> Amount {
        var best = Amount.zero
        for t in start..<end {
            var cores: Int64 = 0, memory: Int64 = 0
            for (s, e, a) in list where s <= t && t < e { cores += a.cores; memory += a.memory }
            best = Amount(cores: max(best.cores, cores), memory: max(best.memory, memory))
        }
        return best
    }

    @Test("peak usage, usage and next release agree with brute force on random reservations")
    func randomAgainstBruteForce() throws {
        var rng = SystemRandomNumberGenerator()
        for round in 0..<200 {
            var timeline = CapacityTimeline()
            var live: [UInt64: (Int64, Int64, Amount)] = [:]
            for step in 0..<60 {
                if !live.isEmpty && Int.random(in: 0..<4, using: &rng) == 0 {
                    let id = try #require(live.keys.randomElement(using: &rng))
                    timeline.release(id: id)
                    live[id] = nil
                } else {
                    let s = Int64.random(in: 0..<50, using: &rng)
                    let e = s + Int64.random(in: 1..<20, using: &rng)
                    let a = Amount(cores: Int64.random(in: 1...8, using: &rng), memory: Int64.random(in: 1...8, using: &rng))
                    let id = UInt64(round * 1000 + step)
                    timeline.reserve(id: id, start: s, end: e, amount: a)
                    live[id] = (s, e, a)
                }
                let qs = Int64.random(in: 0..<60, using: &rng)
                let qe = qs + Int64.random(in: 1..<30, using: &rng)
                #expect(timeline.peakUsage(from: qs, to: qe) == brutePeak(Array(live.values), qs, qe))
                let t = Int64.random(in: 0..<70, using: &rng)
                #expect(timeline.usage(at: t) == brutePeak(Array(live.values), t, t + 1))
                let ends = live.values.map(\.1).filter { $0 > t }
                #expect(timeline.nextRelease(after: t) == ends.min())
            }
            #expect(timeline.count == live.count)
        }
    }

    @Test("reservations are half-open intervals")
    func halfOpen() {
        var timeline = CapacityTimeline()
        timeline.reserve(id: 1, start: 0, end: 10, amount: Amount(cores: 4, memory: 1))
        timeline.reserve(id: 2, start: 10, end: 20, amount: Amount(cores: 4, memory: 1))
        #expect(timeline.peakUsage(from: 0, to: 20) == Amount(cores: 4, memory: 1))
        #expect(timeline.usage(at: 10) == Amount(cores: 4, memory: 1))
        #expect(timeline.peakUsage(from: 20, to: 30) == .zero)
    }
}

