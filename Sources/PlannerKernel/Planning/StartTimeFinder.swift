/// Finds the earliest start at which a task fits a service's free capacity.
///
/// Candidates are the window's start and then instants at which a reservation ends (the only
/// instants at which free capacity can grow); each is checked with one peak-usage query. After a
/// failed candidate the search resumes at the first release after the last over-full instant of
/// the failed interval (``CapacityTimeline/blockedThrough(from:to:limit:)``), since every start
/// before it would overlap that instant too. With `k` candidates tried and `n` reservations the
/// cost is O(k log² n); `k` stays small in practice and is capped as a guard.
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
            // Every start up to the last over-full instant of this window fails too: resume after it.
            let blocked = timeline.blockedThrough(from: candidate, to: candidate + duration, limit: capacity - need) ?? candidate
            guard let next = timeline.nextRelease(after: max(blocked, candidate)) else { return nil }
            candidate = next
        }
        return nil
    }
}
