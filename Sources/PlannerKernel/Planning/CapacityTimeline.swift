/// The cores and memory reserved on one service over time, answering "how much is in use at
/// most during `[start, end)`?" without scanning every reservation.
///
/// Each reservation `[start, end)` becomes two events: `+cores, +memory` at `start` and
/// `−cores, −memory` at `end`. The events live in a treap (a randomised balanced binary search
/// tree; priorities are derived from the event's key, so the shape is deterministic) ordered by
/// time, with ends before starts at the same instant because intervals are half-open. Every node
/// keeps, for its subtree, the sum of the deltas and the largest prefix sum. Then:
/// * usage at an instant is the sum of the deltas up to it: one descent, O(log n);
/// * the peak usage over a window is that sum at its start plus the largest prefix sum of the
///   events inside it: two descents, O(log n);
/// * adding or removing a reservation inserts or deletes two events: O(log n) expected.
/// Memory: one node per event (two per reservation), about 100 bytes each, kept in arrays.
public struct CapacityTimeline: Sendable {
    /// Cores and memory together.
    public struct Amount: Sendable, Hashable {
        /// Cores.
        public var cores: Int64
        /// Bytes of memory.
        public var memory: Int64

        /// An amount.
        public init(cores: Int64, memory: Int64) {
            self.cores = cores
            self.memory = memory
        }

        /// Nothing.
        public static let zero = Amount(cores: 0, memory: 0)

        /// The sum, per resource, saturating at the bounds of `Int64` (reserved memory may add up
        /// past 2^63 bytes; a saturated total still reads as "full", and nothing traps).
        public static func + (lhs: Amount, rhs: Amount) -> Amount {
            Amount(cores: saturating(lhs.cores, rhs.cores), memory: saturating(lhs.memory, rhs.memory))
        }
        /// The difference, per resource, saturating like `+`.
        public static func - (lhs: Amount, rhs: Amount) -> Amount { lhs + -rhs }

        static func saturating(_ lhs: Int64, _ rhs: Int64) -> Int64 {
            let (sum, overflow) = lhs.addingReportingOverflow(rhs)
            guard overflow else { return sum }
            return rhs > 0 ? .max : .min
        }
        /// Whether `self` fits in `other`, per resource.
        public func fits(in other: Amount) -> Bool { cores <= other.cores && memory <= other.memory }
        /// The larger of each resource.
        public static func max(_ lhs: Amount, _ rhs: Amount) -> Amount {
            Amount(cores: Swift.max(lhs.cores, rhs.cores), memory: Swift.max(lhs.memory, rhs.memory))
        }
        prefix static func - (amount: Amount) -> Amount {
            Amount(cores: amount.cores == .min ? .max : -amount.cores, memory: amount.memory == .min ? .max : -amount.memory)
        }
    }

    /// Orders events: by time, then ends before starts, then by reservation.
    struct EventKey: Comparable, Hashable {
        var time: Int64
        var isStart: Bool
        var reservation: UInt64

        static func < (lhs: EventKey, rhs: EventKey) -> Bool {
            if lhs.time != rhs.time { return lhs.time < rhs.time }
            if lhs.isStart != rhs.isStart { return !lhs.isStart }
            return lhs.reservation < rhs.reservation
        }
    }

    /// A subtree's sum and largest prefix sum (per resource), `nil` prefix for an empty range.
    struct Aggregate {
        var sum: Amount = .zero
        var maxPrefix: Amount? = nil
        var firstEnd: Int64? = nil

        static let empty = Aggregate()

        /// `self` followed by `next`.
        func then(_ next: Aggregate) -> Aggregate {
            let shifted = next.maxPrefix.map { sum + $0 }
            let best: Amount?
            switch (maxPrefix, shifted) {
            case (let a?, let b?): best = Amount.max(a, b)
            case (let a?, nil): best = a
            case (nil, let b): best = b
            }
            return Aggregate(sum: sum + next.sum, maxPrefix: best, firstEnd: firstEnd ?? next.firstEnd)
        }
    }

    struct Node {
        var key: EventKey
        var delta: Amount
        var priority: UInt64
        var left: Int32 = -1
        var right: Int32 = -1
        var aggregate: Aggregate

        /// The aggregate of this event alone.
        var single: Aggregate { Aggregate(sum: delta, maxPrefix: delta, firstEnd: key.isStart ? nil : key.time) }
    }

    var nodes: [Node] = []
    private var free: [Int32] = []
    var root: Int32 = -1
    private var reservations: [UInt64: (start: Int64, end: Int64, amount: Amount)] = [:]

    /// An empty timeline.
    public init() {}

    /// The number of live reservations.
    public var count: Int { reservations.count }

    /// Adds reservation `id` of `amount` over `[start, end)` (seconds); replaces an earlier one with the same id.
    public mutating func reserve(id: UInt64, start: Int64, end: Int64, amount: Amount) {
        precondition(end > start, "a reservation must last")
        release(id: id)
        reservations[id] = (start, end, amount)
        root = insert(root, makeNode(EventKey(time: start, isStart: true, reservation: id), delta: amount))
        root = insert(root, makeNode(EventKey(time: end, isStart: false, reservation: id), delta: -amount))
    }

    /// Removes reservation `id`; does nothing when it is unknown.
    public mutating func release(id: UInt64) {
        guard let existing = reservations.removeValue(forKey: id) else { return }
        root = remove(root, EventKey(time: existing.start, isStart: true, reservation: id))
        root = remove(root, EventKey(time: existing.end, isStart: false, reservation: id))
    }

    /// What is in use at instant `time`.
    public func usage(at time: Int64) -> Amount {
        sum(upTo: EventKey(time: time, isStart: true, reservation: .max))
    }

    /// The most in use at any instant of `[start, end)`, per resource.
    public func peakUsage(from start: Int64, to end: Int64) -> Amount {
        let base = usage(at: start)
        let inside = aggregate(root, after: EventKey(time: start, isStart: true, reservation: .max), before: EventKey(time: end, isStart: false, reservation: 0))
        return inside.maxPrefix.map { Amount.max(base, base + $0) } ?? base
    }

    /// The first instant after `time` at which some reservation ends (when usage may drop), if any.
    public func nextRelease(after time: Int64) -> Int64? {
        firstEnd(root, after: EventKey(time: time, isStart: true, reservation: .max))
    }

    // MARK: - treap internals

    /// The time of the first end event with key `> bound` in `node`'s subtree; subtrees without
    /// any end event are skipped using their aggregate, so this is O(log² n) at worst.
    private func firstEnd(_ node: Int32, after bound: EventKey) -> Int64? {
        guard node >= 0 else { return nil }
        let current = nodes[Int(node)]
        guard current.aggregate.firstEnd != nil else { return nil }
        if current.key <= bound { return firstEnd(current.right, after: bound) }
        if let left = firstEnd(current.left, after: bound) { return left }
        if !current.key.isStart { return current.key.time }
        return firstEnd(current.right, after: bound)
    }

    private func sum(upTo bound: EventKey) -> Amount {
        var node = root
        var total = Amount.zero
        while node >= 0 {
            let current = nodes[Int(node)]
            if current.key <= bound {
                total = total + aggregateOf(current.left).sum + current.delta
                node = current.right
            } else {
                node = current.left
            }
        }
        return total
    }

    /// The aggregate of the events with `after < key < before`, in order.
    private func aggregate(_ node: Int32, after low: EventKey, before high: EventKey) -> Aggregate {
        guard node >= 0 else { return .empty }
        let current = nodes[Int(node)]
        if current.key <= low { return aggregate(current.right, after: low, before: high) }
        if current.key >= high { return aggregate(current.left, after: low, before: high) }
        let left = suffix(current.left, after: low)
        let right = prefix(current.right, before: high)
        return left.then(current.single).then(right)
    }

    /// The aggregate of the events in `node`'s subtree with key `> low`.
    private func suffix(_ node: Int32, after low: EventKey) -> Aggregate {
        guard node >= 0 else { return .empty }
        let current = nodes[Int(node)]
        if current.key <= low { return suffix(current.right, after: low) }
        return suffix(current.left, after: low)
            .then(current.single)
            .then(aggregateOf(current.right))
    }

    /// The aggregate of the events in `node`'s subtree with key `< high`.
    private func prefix(_ node: Int32, before high: EventKey) -> Aggregate {
        guard node >= 0 else { return .empty }
        let current = nodes[Int(node)]
        if current.key >= high { return prefix(current.left, before: high) }
        return aggregateOf(current.left)
            .then(current.single)
            .then(prefix(current.right, before: high))
    }

    func aggregateOf(_ node: Int32) -> Aggregate {
        node >= 0 ? nodes[Int(node)].aggregate : .empty
    }

    private mutating func update(_ node: Int32) {
        let current = nodes[Int(node)]
        nodes[Int(node)].aggregate = aggregateOf(current.left)
            .then(current.single)
            .then(aggregateOf(current.right))
    }

    private mutating func makeNode(_ key: EventKey, delta: Amount) -> Int32 {
        var node = Node(key: key, delta: delta, priority: Self.priority(key), aggregate: .empty)
        node.aggregate = node.single
        if let index = free.popLast() {
            nodes[Int(index)] = node
            return index
        }
        nodes.append(node)
        return Int32(nodes.count - 1)
    }

    /// SplitMix64 of the key: a well-spread, reproducible priority.
    static func priority(_ key: EventKey) -> UInt64 {
        var z = UInt64(bitPattern: key.time) &* 0x9E37_79B9_7F4A_7C15 ^ key.reservation &+ (key.isStart ? 0x632B_E59B_D9B4_E019 : 0)
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Splits `node` into keys `< key` and keys `≥ key`.
    private mutating func split(_ node: Int32, _ key: EventKey) -> (Int32, Int32) {
        guard node >= 0 else { return (-1, -1) }
        if nodes[Int(node)].key < key {
            let (left, right) = split(nodes[Int(node)].right, key)
            nodes[Int(node)].right = left
            update(node)
            return (node, right)
        } else {
            let (left, right) = split(nodes[Int(node)].left, key)
            nodes[Int(node)].left = right
            update(node)
            return (left, node)
        }
    }

    /// Joins two treaps whose keys are all ordered `left < right`.
    private mutating func merge(_ left: Int32, _ right: Int32) -> Int32 {
        guard left >= 0 else { return right }
        guard right >= 0 else { return left }
        if nodes[Int(left)].priority > nodes[Int(right)].priority {
            let merged = merge(nodes[Int(left)].right, right)
            nodes[Int(left)].right = merged
            update(left)
            return left
        } else {
            let merged = merge(left, nodes[Int(right)].left)
            nodes[Int(right)].left = merged
            update(right)
            return right
        }
    }

    private mutating func insert(_ root: Int32, _ node: Int32) -> Int32 {
        let (left, right) = split(root, nodes[Int(node)].key)
        return merge(merge(left, node), right)
    }

    private mutating func remove(_ root: Int32, _ key: EventKey) -> Int32 {
        let (left, rest) = split(root, key)
        guard rest >= 0 else { return left }
        // `rest` starts with `key`: split it off.
        var after = EventKey(time: key.time, isStart: key.isStart, reservation: key.reservation)
        if after.reservation == .max {
            after = EventKey(time: key.isStart ? key.time + 1 : key.time, isStart: !key.isStart, reservation: 0)
        } else {
            after.reservation += 1
        }
        let (middle, right) = split(rest, after)
        if middle >= 0 { free.append(middle) }
        return merge(left, right)
    }
}
