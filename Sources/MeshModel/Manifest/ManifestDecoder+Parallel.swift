import Dispatch
import Foundation
import Yams

/// Big inputs decode on every core: YAML documents are independent (anchors, tags and
/// directives do not cross `---`), so the text is cut at `---` lines into pieces, each parsed by
/// its own Yams parser, and the results are put back together in document order.
///
/// Line numbers stay those of the whole file: each piece's reader knows how many lines precede
/// it (`DocumentReader.lineOffset`), so each diagnostic's file:line:field is where it is in the
/// file. (Padding each piece with that many empty lines kept the marks too, but the parsers
/// then scanned 40% more bytes than the input holds.) Errors come out exactly as a sequential read gives them: an input with a syntax
/// error, or one that goes past the document limit, is read again by one parser, so that it
/// stops where and as that one stops (mistakes cost a second read; clean input does not).
extension ManifestDecoder {
    /// Below this many bytes one parser is as quick (starting threads costs more than it gains).
    static let parallelBytes = 256 * 1024

    /// A run of whole documents: where it starts (1-based line) and its text.
    struct Piece {
        var line: Int
        var text: Substring
    }

    /// Cuts `text` into about `count` pieces at document markers (`---` at column 0). nil when
    /// the input has directives (`%YAML`, `%TAG`, which bind to the next document) or is one
    /// document: it is then read in one go.
    static func pieces(_ text: String, count: Int) -> [Piece]? {
        let utf8 = text.utf8
        let target = max(1, utf8.count / max(1, count))
        var pieces: [Piece] = []
        var start = utf8.startIndex
        var startLine = 1
        var line = 1
        var lineStart = utf8.startIndex
        var index = utf8.startIndex
        let dash = UInt8(ascii: "-")
        while lineStart < utf8.endIndex {
            // One line: find its end.
            index = lineStart
            while index < utf8.endIndex && utf8[index] != UInt8(ascii: "\n") { index = utf8.index(after: index) }
            let first = utf8[lineStart]
            if first == UInt8(ascii: "%") { return nil }
            if first == dash, isDocumentMarker(utf8[lineStart..<index]), lineStart != start,
                utf8.distance(from: start, to: lineStart) >= target
            {
                pieces.append(Piece(line: startLine, text: Substring(text.utf8[start..<lineStart])))
                start = lineStart
                startLine = line
            }
            guard index < utf8.endIndex else { break }
            lineStart = utf8.index(after: index)
            line += 1
        }
        pieces.append(Piece(line: startLine, text: Substring(text.utf8[start..<utf8.endIndex])))
        return pieces.count > 1 ? pieces : nil
    }

    /// `---`, alone or followed by a space, a tab or a carriage return.
    private static func isDocumentMarker(_ line: Substring.UTF8View.SubSequence) -> Bool {
        guard line.count >= 3 else { return false }
        var i = line.startIndex
        for _ in 0..<3 {
            if line[i] != UInt8(ascii: "-") { return false }
            i = line.index(after: i)
        }
        guard i < line.endIndex else { return true }
        return [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r")].contains(line[i])
    }

    /// What one piece gave: its resources and diagnostics, the documents it held, and whether a
    /// syntax error stopped it.
    struct PieceOutput: Sendable {
        var resources: [Resource] = []
        var diagnostics: [Diagnostic] = []
        var documents = 0
        var stopped = false
    }

    func decodePiece(_ piece: Piece, file: String, sourceLines: [Substring]) -> PieceOutput {
        let reader = DocumentReader(file: file, sourceLines: sourceLines, lineOffset: piece.line - 1)
        var out = PieceOutput()
        do {
            let parser = try Parser(yaml: String(piece.text), resolver: .basic)
            while let root = try parser.nextRoot() {
                let document = reader.root(root)
                out.documents += Self.documentCount(document)
                decodeDocument(document, into: &out.resources)
            }
        } catch {
            reader.appendSyntaxError(error)
            out.stopped = true
        }
        out.diagnostics = reader.diagnostics
        return out
    }

    /// Decodes the pieces on every core; nil when the result must come from a sequential read
    /// (past the document limit).
    func decodeInParallel(
        _ text: String, file: String, limits: ManifestLimits, documentsBefore: Int
    ) -> Output? {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let wanted =
            switch parallelism {
            case .never: false
            case .automatic: cores > 1 && text.utf8.count >= Self.parallelBytes
            case .always: true
            }
        guard wanted else { return nil }
        if let list = decodeJSONListInParallel(text, file: file, limits: limits, documentsBefore: documentsBefore) {
            return list
        }
        guard let pieces = Self.pieces(text, count: cores * 8) else { return nil }
        let sourceLines = DocumentReader.lines(of: text)
        let results = UnsafeMutableBufferPointer<PieceOutput>.allocate(capacity: pieces.count)
        results.initialize(repeating: PieceOutput())
        defer { results.deallocate() }
        let decoder = self
        nonisolated(unsafe) let slots = results
        onEveryCore(pieces.count, cores: cores, bytes: { pieces[$0].text.utf8.count }, of: text.utf8.count) { i in
            slots[i] = decoder.decodePiece(pieces[i], file: file, sourceLines: sourceLines)
        }
        var output = Output(resources: [], diagnostics: [], documents: documentsBefore)
        output.resources.reserveCapacity(results.reduce(0) { $0 + $1.resources.count })
        for result in results {
            output.documents += result.documents
            if output.documents > limits.maxDocuments { return nil }
            // A syntax error may come of the cut itself (a flow collection or a quoted scalar open
            // across a `---` line): one parser says where it really is.
            if result.stopped { return nil }
            output.resources += result.resources
            output.diagnostics += result.diagnostics
        }
        return output
    }

    /// Runs `body` for each of `count` parts on one worker per core, each taking the next part,
    /// and tells `progress` how many of the input's `total` bytes are done after each.
    func onEveryCore(
        _ count: Int, cores: Int, bytes: @escaping @Sendable (Int) -> Int, of total: Int, _ body: @Sendable (Int) -> Void
    ) {
        let done = ProgressCount(total: total, report: progress)
        let next = ProgressCount(total: count, report: nil)
        DispatchQueue.concurrentPerform(iterations: cores) { _ in
            while let i = next.take() {
                body(i)
                done.add(bytes(i))
            }
        }
    }

    /// Whether an input is cut into pieces decoded in parallel.
    package enum Parallelism: Sendable {
        /// One parser, whatever the size (the benchmark's "before").
        case never
        /// In parallel from `parallelBytes` on, with more than one core.
        case automatic
        /// Always, when the input has more than one document (tests, on small inputs).
        case always
    }
}

/// A count shared by the decoding threads: bytes decoded so far, passed on to
/// `ManifestDecoder.progress`, or the next piece to take.
private final class ProgressCount: @unchecked Sendable {
    private let lock = NSLock()
    private var done = 0
    private let total: Int
    private let report: (@Sendable (Int, Int) -> Void)?

    init(total: Int, report: (@Sendable (Int, Int) -> Void)?) {
        self.total = total
        self.report = report
    }

    /// The next of `total` items to take, or nil when all are taken.
    func take() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard done < total else { return nil }
        done += 1
        return done - 1
    }

    func add(_ bytes: Int) {
        guard let report else { return }
        lock.lock()
        done += bytes
        let now = done
        lock.unlock()
        report(now, total)
    }
}
