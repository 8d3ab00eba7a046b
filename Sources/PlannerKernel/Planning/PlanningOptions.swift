/// How the planner ranks and bounds its answers (API.md §7 `planning`).
public struct PlanningOptions: Sendable, Hashable {
    /// How far ahead a task may be planned to start (built in: 24h).
    public var lookahead: TaskDuration
    /// The most offers in one answer (built in: 4).
    public var maxoffers: Int
    /// The longest an offer may be held (built in: 15m).
    public var maxhold: TaskDuration

    /// Options; the built-in values are 24h, 4 and 15m.
    public init(lookahead: TaskDuration = TaskDuration(hours: 24), maxoffers: Int = 4, maxhold: TaskDuration = TaskDuration(minutes: 15)) {
        self.lookahead = lookahead
        self.maxoffers = maxoffers
        self.maxhold = maxhold
    }
}
