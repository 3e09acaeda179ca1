/// The newest `capacity` elements, oldest first: the probe log stays bounded however long a
/// demo runs.
package struct RingBuffer<Element: Sendable>: Sendable {
    let capacity: Int
    private var storage: [Element] = []
    private var start = 0

    init(capacity: Int) {
        self.capacity = max(1, capacity)
        storage.reserveCapacity(min(self.capacity, 1024))
    }

    var count: Int { storage.count }
    var isEmpty: Bool { storage.isEmpty }

    mutating func append(_ element: Element) {
        if storage.count < capacity {
            storage.append(element)
        } else {
            storage[start] = element
            start = (start + 1) % capacity
        }
    }

    /// Element `i`, 0 being the oldest kept.
    subscript(i: Int) -> Element { storage[(start + i) % storage.count] }

    var last: Element? { storage.isEmpty ? nil : self[count - 1] }
}
