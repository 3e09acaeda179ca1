import MeshModel

// The compiled index is a value: every change makes a new one while the sidecars still read the
// old, so the first write to each table copies it whole. At 10,000 TrafficTargets that copying
// was most of a policy change (perf: copies of `smiRules`, the status rows and the active
// targets, 9-11 ms of a 10 ms update). These tables keep their entries in many small pieces
// instead: a copy of the index shares every piece, and a change copies only the pieces it
// writes to (about 1/128 of each table) and the short list of pieces.

/// Which of a sharded table's pieces a key lives in. TrafficTarget rules key on
/// (destination << 32 | source), so one destination's entries share a piece.
protocol ShardKey: Hashable {
    var shard: Int { get }
}

/// The number of pieces: about the square root of 10,000 partitions, so that a copy of the list
/// and a copy of one piece cost about the same.
private let shardCount = 128

extension UInt64: ShardKey {
    var shard: Int { Int(truncatingIfNeeded: self >> 32) & (shardCount - 1) }
}

extension Int32: ShardKey {
    var shard: Int { Int(truncatingIfNeeded: self) & (shardCount - 1) }
}

extension ObjectKey: ShardKey {
    var shard: Int { hashValue & (shardCount - 1) }
}

/// A dictionary in `shardCount` pieces, with the part of Dictionary's interface the index uses.
struct ShardedDictionary<Key: ShardKey, Value>: Sendable where Key: Sendable, Value: Sendable {
    private var pieces = [[Key: Value]](repeating: [:], count: shardCount)

    init() {}

    subscript(key: Key) -> Value? {
        get { pieces[key.shard][key] }
        _modify { yield &pieces[key.shard][key] }
    }

    subscript(key: Key, default value: @autoclosure () -> Value) -> Value {
        get { pieces[key.shard][key, default: value()] }
        _modify { yield &pieces[key.shard][key, default: value()] }
    }

    @discardableResult
    mutating func removeValue(forKey key: Key) -> Value? { pieces[key.shard].removeValue(forKey: key) }

    mutating func reserveCapacity(_ count: Int) {
        for i in pieces.indices { pieces[i].reserveCapacity(count / shardCount + 1) }
    }
}

/// A set in `shardCount` pieces.
struct ShardedSet<Element: ShardKey>: Sendable where Element: Sendable {
    private var pieces = [Set<Element>](repeating: [], count: shardCount)

    init() {}

    func contains(_ element: Element) -> Bool { pieces[element.shard].contains(element) }

    mutating func insert(_ element: Element) { pieces[element.shard].insert(element) }

    mutating func remove(_ element: Element) { pieces[element.shard].remove(element) }
}

/// An array in chunks of 128 elements: setting one element copies its chunk, not the array.
struct ChunkedArray<Element: Sendable>: Sendable {
    private static var chunkBits: Int { 7 }
    private var chunks: [[Element]] = []
    private(set) var count = 0

    init() {}

    subscript(index: Int) -> Element {
        get { chunks[index >> Self.chunkBits][index & ((1 << Self.chunkBits) - 1)] }
        _modify { yield &chunks[index >> Self.chunkBits][index & ((1 << Self.chunkBits) - 1)] }
    }

    mutating func append(_ element: Element) {
        if count & ((1 << Self.chunkBits) - 1) == 0 {
            chunks.append([])
            chunks[chunks.count - 1].reserveCapacity(1 << Self.chunkBits)
        }
        chunks[chunks.count - 1].append(element)
        count += 1
    }
}
