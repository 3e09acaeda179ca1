import NIOCore

/// One `Value` per event loop of a group, found by the loop a handler runs on. The values are
/// touched only on their own loop, so what they hold needs no lock: the per-connection paths
/// (a stream opening, a connection closing) never contend.
struct PerLoop<Value: AnyObject & Sendable>: Sendable {
    private let values: [ObjectIdentifier: Value]

    init(_ group: EventLoopGroup, _ make: (EventLoop) -> Value) {
        var values: [ObjectIdentifier: Value] = [:]
        for loop in group.makeIterator() { values[ObjectIdentifier(loop)] = make(loop) }
        self.values = values
    }

    /// The value of `loop`, which must belong to the group.
    func on(_ loop: EventLoop) -> Value {
        guard let value = values[ObjectIdentifier(loop)] else { preconditionFailure("an event loop outside the engine's group") }
        return value
    }

    var all: Dictionary<ObjectIdentifier, Value>.Values { values.values }
}
