/// Finds the earliest start at which a task fits a service's free capacity.
///
/// Candidates are the window's start and then every instant at which a reservation ends (the
/// only instants at which free capacity can grow), taken from the timeline in order; each is
/// checked with one peak-usage query. With `k` candidates tried and `n` reservations the cost is
/// O(k log² n); `k` is capped so that a hostile timeline cannot make one ask expensive.
struct StartTimeFinder {
    let timeline: CapacityTimeline
    let capacity: CapacityTimeline.Amount
    /// The most candidates one search tries.
    var maximumCandidates = 4096

    /// The earliest start in `[from, until)` at which `need` fits over `[start, start + duration)`,
    /// with what is still free then; `nil` when there is none.
    func earliest(from: Int64, until: Int64, duration: Int64, need: CapacityTimeline.Amount) -> (start: Int64, free: CapacityTimeline.Amount)? {
        var candidate = from
        var tried = 0
        while candidate < until, tried < maximumCandidates {
            tried += 1
            let peak = timeline.peakUsage(from: candidate, to: candidate + duration)
            let free = capacity - peak
            if need.fits(in: free) { return (candidate, free) }
            guard let next = timeline.nextRelease(after: candidate) else { return nil }
            candidate = next
        }
        return nil
    }
}
