import DataPlaneInterface
import Foundation
import Presentation

/// The live log: a bounded ring of entries plus the `/` filter over them.
///
/// Filtering must stay inside the frame budget with 10,000 entries, so each entry keeps its
/// searchable text (lowercased UTF-8, built once when it is appended) and the filter keeps the
/// sequence numbers of the entries that match, updated as entries arrive and leave. A frame
/// only reads the rows it draws; only a change of the filter text scans the whole ring.
package struct ProbeLog: Sendable {
    private var entries: RingBuffer<LogEntry>
    private var haystacks: RingBuffer<[UInt8]>
    /// How many entries were ever appended: entry `i` of the ring has sequence number
    /// `appended - count + i`.
    private var appended = 0
    /// The filter as typed; empty shows everything.
    private var textFilter = TextFilter()
    var filter: String { textFilter.text }
    /// Sequence numbers of matching entries, ascending; those before `matchStart` have left
    /// the ring.
    private var matches: [Int] = []
    private var matchStart = 0

    init(capacity: Int) {
        entries = RingBuffer(capacity: capacity)
        haystacks = RingBuffer(capacity: capacity)
    }

    var capacity: Int { entries.capacity }
    /// Every entry kept, filtered or not.
    package var count: Int { entries.count }
    var isEmpty: Bool { entries.isEmpty }
    var last: LogEntry? { entries.last }
    /// Entry `i` of all kept, 0 the oldest.
    subscript(i: Int) -> LogEntry { entries[i] }

    /// Adds an entry; returns whether the filter shows it.
    @discardableResult
    mutating func append(_ entry: LogEntry) -> Bool {
        let haystack = Self.searchable(entry)
        entries.append(entry)
        haystacks.append(haystack)
        let seq = appended
        appended += 1
        guard !textFilter.isEmpty else { return true }
        dropExpiredMatches()
        guard textFilter.matches(haystack) else { return false }
        matches.append(seq)
        return true
    }

    // MARK: - The filtered view

    var isFiltered: Bool { !textFilter.isEmpty }

    /// How many entries the log pane shows.
    package var visibleCount: Int {
        guard isFiltered else { return count }
        return matches.count - firstLiveMatch()
    }

    /// Visible entry `i`, 0 the oldest shown.
    func visible(_ i: Int) -> LogEntry { entries[ringIndex(ofVisible: i)] }

    /// Sets the filter (case-insensitive substring) and rescans the ring once.
    package mutating func setFilter(_ text: String) {
        textFilter = TextFilter(text)
        matches.removeAll(keepingCapacity: true)
        matchStart = 0
        guard !textFilter.isEmpty else { return }
        let first = appended - count
        for i in 0..<count where textFilter.matches(haystacks[i]) { matches.append(first + i) }
    }

    /// The `k`-th newest visible probe (0 = newest), as a visible index, scanning back only as
    /// far as it has to.
    func visibleProbe(fromEnd k: Int) -> Int? {
        var seen = 0
        var i = visibleCount - 1
        while i >= 0 {
            if case .probe = visible(i).kind {
                if seen == k { return i }
                seen += 1
            }
            i -= 1
        }
        return nil
    }

    // MARK: - Internals

    private func ringIndex(ofVisible i: Int) -> Int {
        guard isFiltered else { return i }
        return matches[firstLiveMatch() + i] - (appended - count)
    }

    /// Index in `matches` of the first entry still in the ring.
    private func firstLiveMatch() -> Int {
        let oldest = appended - count
        var i = matchStart
        while i < matches.count, matches[i] < oldest { i += 1 }
        return i
    }

    private mutating func dropExpiredMatches() {
        matchStart = firstLiveMatch()
        // Compact now and then so the array stays about the size of the ring.
        if matchStart > 1024, matchStart * 2 > matches.count {
            matches.removeFirst(matchStart)
            matchStart = 0
        }
    }

    /// What `/` searches: the words a line shows, lowercased.
    static func searchable(_ entry: LogEntry) -> [UInt8] {
        let text: String
        switch entry.kind {
        case .command(let t): text = "$ " + t
        case .output(let t): text = t
        case .probe(let r):
            let word = r.outcome == .allowed ? "allowed" : r.outcome == .denied ? "denied" : "error"
            text =
                "\(word) \(r.from) → \(r.to) \(r.message) \(r.reply) \(r.verdict.map { $0.point.rawValue } ?? "") \(r.reason) \(r.endpointPod?.name ?? "")"
                // The reason as `--lang zh` shows it, so `/` finds what either language shows.
                + (r.outcome == .allowed ? "" : " " + ProbeWords.stopped(r, in: WalkthroughLanguage.zh.explanationWords()))
        }
        return TextFilter.searchable(text)
    }
}
