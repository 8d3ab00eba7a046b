/// A binary min-heap of `(time, key)` pairs: when each reservation in a ``ReservationLedger``
/// stops taking capacity. Push and pop are O(log n); entries made stale by a later change are
/// left in place and skipped when they come up.
struct LapseQueue: Sendable {
    private(set) var items: [(time: Int64, key: Int64)] = []

    /// The number of entries, stale ones included.
    var count: Int { items.count }

    /// The earliest entry.
    var first: (time: Int64, key: Int64)? { items.first }

    mutating func removeAll() { items.removeAll(keepingCapacity: true) }

    mutating func push(time: Int64, key: Int64) {
        items.append((time, key))
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard items[child].time < items[parent].time else { break }
            items.swapAt(child, parent)
            child = parent
        }
    }

    mutating func popFirst() -> (time: Int64, key: Int64)? {
        guard let top = items.first else { return nil }
        let last = items.removeLast()
        guard !items.isEmpty else { return top }
        items[0] = last
        var parent = 0
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var smallest = parent
            if left < items.count, items[left].time < items[smallest].time { smallest = left }
            if right < items.count, items[right].time < items[smallest].time { smallest = right }
            guard smallest != parent else { break }
            items.swapAt(parent, smallest)
            parent = smallest
        }
        return top
    }
}
