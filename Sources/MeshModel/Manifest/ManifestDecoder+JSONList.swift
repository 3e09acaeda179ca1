import Dispatch
import Foundation
import Yams

/// `kubectl get ... -o json` prints one document, a `kind: List` whose `items` hold the whole
/// cluster, so cutting at `---` finds nothing to share out. Its items are independent, though:
/// a scan of the bytes (strings and nesting only, no values built) finds where each item of
/// the top-level `items` array starts and ends, and runs of items are decoded on every core,
/// each run as a flow sequence of its own, with the line offset and the `items[i]` field paths
/// the one-parser read gives.
///
/// Anything the scan does not recognise as a plain List (another top-level shape, items that are
/// not objects, text after the List, minified JSON whose items do not start their own line) is
/// left to one parser, as are inputs with a syntax error or past the document limit: the
/// diagnostics are then exactly the sequential read's.
extension ManifestDecoder {
    /// A run of consecutive List items: the index of its first item, the line its first item
    /// starts on, and its text from the start of that line (indentation kept, so columns stay
    /// the file's) to the end of its last item.
    struct ItemRun {
        var firstItem: Int
        var count: Int
        var line: Int
        var text: Substring
    }

    /// Where each item of a JSON `kind: List` lies, grouped into about `runs` runs; nil when
    /// `text` is not one JSON List document laid out as kubectl prints it.
    static func jsonListRuns(_ text: String, runs: Int) -> [ItemRun]? {
        var text = text
        let scanned = text.withUTF8 { bytes -> [(start: Int, end: Int, line: Int)]? in
            var scan = JSONListScan(bytes)
            return scan.items()
        }
        return scanned.flatMap { items in
            guard items.count > 1 else { return nil }
            let utf8 = text.utf8
            let perRun = max(1, (items.count + runs - 1) / runs)
            var out: [ItemRun] = []
            var first = 0
            while first < items.count {
                let last = min(items.count, first + perRun) - 1
                let from = utf8.index(utf8.startIndex, offsetBy: items[first].start)
                let to = utf8.index(utf8.startIndex, offsetBy: items[last].end)
                out.append(
                    ItemRun(
                        firstItem: first, count: last - first + 1, line: items[first].line,
                        text: Substring(utf8[from..<to])))
                first = last + 1
            }
            return out
        }
    }

    /// What one run gave; its reader is kept so that the merged List's skipped-kind warnings,
    /// reported after every run is done, land among its diagnostics.
    struct RunOutput: @unchecked Sendable {
        var resources: [Resource] = []
        var skipped = SkippedListItems()
        var reader: DocumentReader?
        var stopped = false
    }

    func decodeRun(_ run: ItemRun, file: String, sourceLines: [Substring]) -> RunOutput {
        // `[` on a line of its own before the first item's line, `]` after the last item: one
        // flow sequence, whose marks are the file's once the extra line is taken off.
        let reader = DocumentReader(file: file, sourceLines: sourceLines, lineOffset: run.line - 2)
        var out = RunOutput(reader: reader)
        do {
            let parser = try Parser(yaml: "[\n" + String(run.text) + "]", resolver: .basic)
            guard let root = try parser.nextRoot(), case .sequence(let items) = root, items.count == run.count,
                try parser.nextRoot() == nil
            else {
                out.stopped = true
                return out
            }
            for (offset, node) in items.enumerated() {
                let item = reader.root(node, path: "items[\(run.firstItem + offset)]")
                if !out.skipped.skip(item) { decodeDocument(item, into: &out.resources) }
            }
        } catch {
            out.stopped = true
        }
        return out
    }

    /// Decodes a JSON List's items on every core; nil when one parser must read it.
    func decodeJSONListInParallel(
        _ text: String, file: String, limits: ManifestLimits, documentsBefore: Int
    )
        -> Output?
    {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        guard let runs = Self.jsonListRuns(text, runs: cores * 8) else { return nil }
        let items = runs.reduce(0) { $0 + $1.count }
        guard documentsBefore + items <= limits.maxDocuments else { return nil }
        let sourceLines = DocumentReader.lines(of: text)
        let results = UnsafeMutableBufferPointer<RunOutput>.allocate(capacity: runs.count)
        results.initialize(repeating: RunOutput())
        defer {
            _ = results.deinitialize()
            results.deallocate()
        }
        let decoder = self
        nonisolated(unsafe) let slots = results
        onEveryCore(runs.count, cores: cores, bytes: { runs[$0].text.utf8.count }, of: text.utf8.count) { i in
            slots[i] = decoder.decodeRun(runs[i], file: file, sourceLines: sourceLines)
        }
        if results.contains(where: \.stopped) { return nil }
        var output = Output(resources: [], diagnostics: [], documents: documentsBefore + items)
        var skipped = SkippedListItems()
        for result in results {
            output.resources += result.resources
            skipped.merge(result.skipped)
        }
        // As the one-parser read does after the last item: kinds seen once are decoded, the
        // rest reported once per kind (into the reader of the run that holds the first one).
        skipped.report { decodeDocument($0, into: &output.resources) }
        for result in results { output.diagnostics += result.reader?.diagnostics ?? [] }
        return output
    }
}

/// A byte scan of one JSON document for the top-level `"kind": "List"` and the extent of each
/// object in its top-level `"items"` array. Strings are skipped with their escapes; nothing is
/// decoded. Each item must begin a line (only spaces before its `{`), as kubectl prints them.
private struct JSONListScan {
    let bytes: UnsafeBufferPointer<UInt8>
    var i = 0
    var line = 1
    var lineStart = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    static let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\"), newline = UInt8(ascii: "\n")

    mutating func skipSpace() {
        while i < bytes.count {
            switch bytes[i] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"): i += 1
            case Self.newline:
                i += 1
                line += 1
                lineStart = i
            default: return
            }
        }
    }

    /// At a `"`: moves past the string and returns its raw bytes' range (escapes not undone).
    mutating func string() -> Range<Int>? {
        guard i < bytes.count, bytes[i] == Self.quote else { return nil }
        i += 1
        let start = i
        while i < bytes.count {
            let b = bytes[i]
            if b == Self.backslash {
                i += 2
            } else if b == Self.quote {
                i += 1
                return start..<(i - 1)
            } else if b == Self.newline {
                return nil  // a raw line break inside a JSON string: not JSON
            } else {
                i += 1
            }
        }
        return nil
    }

    /// Moves past one value of any kind; false if the text ends first or is not JSON-shaped.
    mutating func skipValue() -> Bool {
        skipSpace()
        guard i < bytes.count else { return false }
        switch bytes[i] {
        case Self.quote: return string() != nil
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var depth = 0
            while i < bytes.count {
                switch bytes[i] {
                case Self.quote:
                    guard string() != nil else { return false }
                    continue
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 {
                        i += 1
                        return true
                    }
                case Self.newline:
                    line += 1
                    lineStart = i + 1
                default: break
                }
                i += 1
            }
            return false
        default:
            // A number, true, false or null: up to the next delimiter.
            while i < bytes.count,
                ![UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), Self.newline, UInt8(ascii: " ")]
                    .contains(bytes[i])
            {
                i += 1
            }
            return true
        }
    }

    func equals(_ range: Range<Int>, _ word: String) -> Bool {
        range.count == word.utf8.count && zip(bytes[range], word.utf8).allSatisfy { $0 == $1 }
    }

    /// Each item's byte range (from the start of its line to its closing brace) and its line.
    mutating func items() -> [(start: Int, end: Int, line: Int)]? {
        skipSpace()
        guard i < bytes.count, bytes[i] == UInt8(ascii: "{") else { return nil }
        i += 1
        var isList = false
        var found: [(start: Int, end: Int, line: Int)]?
        while true {
            skipSpace()
            guard i < bytes.count else { return nil }
            if bytes[i] == UInt8(ascii: "}") {
                i += 1
                break
            }
            if bytes[i] == UInt8(ascii: ",") {
                i += 1
                continue
            }
            guard let key = string() else { return nil }
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { return nil }
            i += 1
            skipSpace()
            if equals(key, "kind") {
                guard let value = string() else { return nil }
                isList = equals(value, "List")
            } else if equals(key, "items") {
                guard found == nil, let items = arrayOfObjects() else { return nil }
                found = items
            } else {
                guard skipValue() else { return nil }
            }
        }
        skipSpace()
        guard isList, i == bytes.count else { return nil }  // one document, and nothing after it
        return found
    }

    mutating func arrayOfObjects() -> [(start: Int, end: Int, line: Int)]? {
        guard i < bytes.count, bytes[i] == UInt8(ascii: "[") else { return nil }
        i += 1
        var out: [(start: Int, end: Int, line: Int)] = []
        while true {
            skipSpace()
            guard i < bytes.count else { return nil }
            switch bytes[i] {
            case UInt8(ascii: "]"):
                i += 1
                return out
            case UInt8(ascii: ","):
                i += 1
            case UInt8(ascii: "{"):
                // Only indentation before the item's brace, so its run can start at the line's
                // start and every column stays the file's.
                guard bytes[lineStart..<i].allSatisfy({ $0 == UInt8(ascii: " ") }) else { return nil }
                let start = lineStart, itemLine = line
                guard skipValue() else { return nil }
                out.append((start, i, itemLine))
            default:
                return nil
            }
        }
    }
}
