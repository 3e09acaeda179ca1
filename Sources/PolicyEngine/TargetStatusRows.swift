import MeshModel

/// Every TrafficTarget with its status, in key order (as `kubectl get` and the policies pane list
/// them), kept in chunks of at most `maxChunk` rows: replacing, inserting or removing one row
/// copies its chunk, not 10,000 TrafficTargets (see ShardedTables.swift for why copies matter).
package struct TargetStatusRows: RandomAccessCollection, Sendable {
    package struct Row: Sendable, Equatable {
        package var target: TrafficTarget
        /// Why it is ignored, in English; nil when active.
        package var ignoredBecause: String?
        /// The same, as a code, for other languages.
        package var ignored: TrafficTargetIgnored?
    }

    private static var maxChunk: Int { 256 }
    private var chunks: [[Row]] = []
    /// The position of each chunk's first row.
    private var starts: [Int] = []
    package private(set) var count = 0

    init() {}

    /// From rows already in key order.
    init(sorted rows: [Row]) {
        var at = 0
        while at < rows.count {
            let end = Swift.min(rows.count, at + Self.maxChunk / 2)
            chunks.append(Array(rows[at..<end]))
            at = end
        }
        reindex()
    }

    package var startIndex: Int { 0 }
    package var endIndex: Int { count }

    package subscript(position: Int) -> Row {
        let c = chunk(containing: position)
        return chunks[c][position - starts[c]]
    }

    package func makeIterator() -> Iterator { Iterator(chunks: chunks) }

    package struct Iterator: IteratorProtocol {
        fileprivate let chunks: [[Row]]
        private var c = 0
        private var i = 0

        fileprivate init(chunks: [[Row]]) { self.chunks = chunks }

        package mutating func next() -> Row? {
            while c < chunks.count {
                if i < chunks[c].count {
                    defer { i += 1 }
                    return chunks[c][i]
                }
                c += 1
                i = 0
            }
            return nil
        }
    }

    /// The TrafficTargets whose ignored reason differs from `old`'s (added or removed ones with
    /// a reason included), in key order. Both are walked in key order together, and a chunk
    /// both still share (a change copies only the chunks it writes) is stepped over whole: a
    /// change costs the chunks it touched, not the 10,000 rows (the dashboard asks on every
    /// change; materialising every reason twice was most of its `p` at 10,000 pods).
    package func ignoredChanges(since old: TargetStatusRows) -> [ObjectKey] {
        var changes: [ObjectKey] = []
        var (nc, ni) = (0, 0)
        var (oc, oi) = (0, 0)
        func current(_ chunks: [[Row]], _ c: inout Int, _ i: inout Int) -> Row? {
            while c < chunks.count, i >= chunks[c].count { (c, i) = (c + 1, 0) }
            return c < chunks.count ? chunks[c][i] : nil
        }
        while true {
            let new = current(chunks, &nc, &ni)
            let was = current(old.chunks, &oc, &oi)
            if ni == 0, oi == 0, new != nil, was != nil, chunks[nc] == old.chunks[oc] {
                (nc, oc) = (nc + 1, oc + 1)
                continue
            }
            switch (new, was) {
            case (nil, nil):
                return changes
            case (let row?, nil):
                if row.ignored != nil { changes.append(row.target.meta.key) }
                ni += 1
            case (nil, let row?):
                if row.ignored != nil { changes.append(row.target.meta.key) }
                oi += 1
            case (let row?, let before?):
                let (key, oldKey) = (row.target.meta.key, before.target.meta.key)
                if key == oldKey {
                    if row.ignored != before.ignored { changes.append(key) }
                    (ni, oi) = (ni + 1, oi + 1)
                } else if key < oldKey {
                    if row.ignored != nil { changes.append(key) }
                    ni += 1
                } else {
                    if before.ignored != nil { changes.append(oldKey) }
                    oi += 1
                }
            }
        }
    }

    /// The row of `key`, if there is one.
    package func row(_ key: ObjectKey) -> Row? {
        let (c, i, found) = place(of: key)
        return found ? chunks[c][i] : nil
    }

    /// Puts `row` in its place, replacing the row with the same key.
    mutating func set(_ row: Row) {
        let (c, i, found) = place(of: row.target.meta.key)
        if found {
            chunks[c][i] = row
            return
        }
        if chunks.isEmpty {
            chunks = [[row]]
        } else {
            chunks[c].insert(row, at: i)
            if chunks[c].count > Self.maxChunk {
                let upper = Array(chunks[c][(Self.maxChunk / 2)...])
                chunks[c].removeSubrange((Self.maxChunk / 2)...)
                chunks.insert(upper, at: c + 1)
            }
        }
        reindex()
    }

    mutating func remove(_ key: ObjectKey) {
        let (c, i, found) = place(of: key)
        guard found else { return }
        chunks[c].remove(at: i)
        if chunks[c].isEmpty { chunks.remove(at: c) }
        reindex()
    }

    /// The chunk a key belongs in and its position there; `found` when a row has that key.
    private func place(of key: ObjectKey) -> (chunk: Int, index: Int, found: Bool) {
        guard !chunks.isEmpty else { return (0, 0, false) }
        // The first chunk whose last key is not below `key`; past the end: the last chunk.
        var low = 0
        var high = chunks.count - 1
        while low < high {
            let mid = (low + high) / 2
            if chunks[mid][chunks[mid].count - 1].target.meta.key < key { low = mid + 1 } else { high = mid }
        }
        let rows = chunks[low]
        var a = 0
        var b = rows.count
        while a < b {
            let mid = (a + b) / 2
            if rows[mid].target.meta.key < key { a = mid + 1 } else { b = mid }
        }
        return (low, a, a < rows.count && rows[a].target.meta.key == key)
    }

    private func chunk(containing position: Int) -> Int {
        var low = 0
        var high = starts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if starts[mid] <= position { low = mid } else { high = mid - 1 }
        }
        return low
    }

    private mutating func reindex() {
        starts.removeAll(keepingCapacity: true)
        var total = 0
        for chunk in chunks {
            starts.append(total)
            total += chunk.count
        }
        count = total
    }
}
