import DataPlaneInterface
import Foundation
import MeshDeckTestSupport
import MeshModel
import PolicyEngine

@testable import Dashboard
@testable import Presentation
@testable import TerminalUI

/// Drives the reducer as the run loop does, without the loop: keys in, and the probes they ask
/// for answered by the in-memory data plane, at a fixed clock (a second per key) and a fixed
/// time zone, so whole screens compare as text.
struct ScreenDriver {
    var state: AppState
    var width: Int
    var height: Int
    var ascii = false
    let plane: InMemoryDataPlane
    var now = Date(timeIntervalSince1970: 1_700_000_000)
    static let utc = TimeZone(identifier: "UTC")!

    init(width: Int, height: Int, language: WalkthroughLanguage = .en, cluster: Cluster = Scenario.walkthrough()) throws {
        try self.init(
            width: width, height: height, language: language, state: AppState(cluster: cluster), plane: InMemoryDataPlane(cluster)
        )
    }

    /// On a state and a data plane built once and shared: a big cluster's compiled policy and
    /// panes cost seconds of a debug build each time.
    init(width: Int, height: Int, language: WalkthroughLanguage = .en, state: AppState, plane: InMemoryDataPlane) throws {
        self.state = state
        self.state.language = language
        self.state.walkthrough = try WalkthroughLoader.builtin(language)
        self.width = width
        self.height = height
        self.plane = plane
        _ = Reducer.reduce(&self.state, .resized(width: width, height: height), now: now)
    }

    var context: RenderContext { RenderContext(ascii: ascii, timeZone: Self.utc) }
    var canvas: Canvas { Screen.render(state, width: width, height: height, context: context) }
    var text: String { canvas.text }
    var lines: [String] { text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }

    mutating func resize(_ w: Int, _ h: Int) {
        width = w
        height = h
        _ = Reducer.reduce(&state, .resized(width: w, height: h), now: now)
    }

    /// One key, and whatever probes it sends, answered.
    mutating func key(_ key: Key) async throws {
        now += 1
        try await perform(Reducer.reduce(&state, .key(key), now: now))
    }

    /// Keys as typed: `E` Enter, `U` PgUp, `D` PgDn, `T` Tab, `X` Esc, `↑` `↓` `←` `→`, else the character.
    mutating func keys(_ typed: String) async throws {
        for c in typed {
            let key: Key =
                switch c {
                case "E": .enter
                case "U": .pageUp
                case "D": .pageDown
                case "T": .tab
                case "X": .escape
                case "↑": .up
                case "↓": .down
                case "←": .left
                case "→": .right
                default: .character(c)
                }
            try await self.key(key)
        }
    }

    mutating func reduce(_ action: Action) async throws {
        try await perform(Reducer.reduce(&state, action, now: now))
    }

    private mutating func perform(_ effects: [Effect]) async throws {
        for effect in effects {
            switch effect {
            case .probe(let from, let to, let message):
                try await plane.update(state.cluster)
                let result = try await plane.probe(from: from, to: to, message: message, timeout: 1)
                try await perform(Reducer.reduce(&state, .probeFinished(result), now: now))
            case .guideProbe(let from, let to, let message):
                try await plane.update(state.cluster)
                let result = try await plane.probe(from: from, to: to, message: message, timeout: 1)
                try await perform(Reducer.reduce(&state, .guideProbeFinished(result), now: now))
            // As DashboardApp runs them.
            case .expireCertificate(let workload):
                let fault: CertificateFault
                do throws(QueryError) {
                    fault = .expired(identity: try await plane.expireCertificate(of: workload))
                } catch {
                    fault = .failed(error.description)
                }
                try await perform(Reducer.reduce(&state, .certificateFault(fault), now: now))
            case .rotateRoot:
                let closed = try await plane.rotateRoot()
                try await perform(Reducer.reduce(&state, .certificateFault(.rootRotated(closedTunnels: closed)), now: now))
            default:
                break
            }
        }
    }
}

/// Reading a popup (or any box) as a user does, page by page.
enum PopupReading {
    /// Text without white space or box drawing: what wrapped lines read as once joined.
    static func squeezed(_ text: String) -> String {
        String(text.filter { !$0.isWhitespace && !"│┃┌┐└┘┏┓┗┛─━├┤".contains($0) })
    }

    /// Everything the state's popup says, from its first page to its last (PgDn until nothing
    /// more), squeezed.
    static func everything(_ state: inout AppState, context: RenderContext = RenderContext(ascii: false)) -> String {
        var seen = ""
        for _ in 0..<50 {
            let canvas = Screen.render(state, width: state.screenWidth, height: state.screenHeight, context: context)
            seen += squeezed(canvas.text)
            let before = state.popupScroll
            _ = Reducer.reduce(&state, .key(.pageDown))
            if state.popupScroll == before { break }
        }
        return seen
    }
}
