import CNCurses
import Testing

@testable import NCursesTerminal
@testable import TerminalUI

@Suite struct TerminalSupportTests {
    let tty = ["TERM": "xterm-256color"]

    @Test func refusesWithoutATerminalAndPointsAtThePlainCommands() {
        for (env, stdin, stdout) in [(["TERM": "dumb"], true, true), ([:], true, true), (tty, false, true), (tty, true, false)] {
            guard case .refused(let message) = TerminalSupport.check(environment: env, stdinIsTTY: stdin, stdoutIsTTY: stdout)
            else {
                Issue.record("accepted \(env) stdin \(stdin) stdout \(stdout)")
                continue
            }
            #expect(message.contains("meshdeck get"))
            #expect(message.contains("meshdeck explain"))
        }
        #expect(TerminalSupport.check(environment: tty, stdinIsTTY: true, stdoutIsTTY: true) == .ok)
        #expect(TerminalSupport.check(term: "xterm", hasCursorAddressing: false) != .ok)
    }

    @Test func noColorMeansAttributesOnly() {
        #expect(TerminalSupport.colorMode(environment: ["NO_COLOR": "1"], colors: 256) == ColorMode.none)
        #expect(TerminalSupport.colorMode(environment: ["NO_COLOR": ""], colors: 256) == .twoFiftySix)
        #expect(TerminalSupport.colorMode(environment: [:], colors: 8) == .eight)
        #expect(TerminalSupport.colorMode(environment: [:], colors: 0) == ColorMode.none)
    }

    @Test func coloursAreBroughtWithinWhatTheTerminalHas() {
        let eight = ColorMode.eight.clamp(Palette.Pair(196, 16), defaultColors: true)
        #expect((0...7).contains(eight.foreground) && (0...7).contains(eight.background))
        #expect(ColorMode.twoFiftySix.clamp(Palette.Pair(196, -1), defaultColors: true) == (196, -1))
        #expect(ColorMode.nearestBasic(to: 196) == 9)  // bright red
    }

    @Test func keysAreDecoded() {
        #expect(KeyDecoder.key(status: KEY_CODE_YES, code: UInt32(KEY_RESIZE)) == .resize)
        #expect(KeyDecoder.key(status: KEY_CODE_YES, code: UInt32(KEY_UP)) == .up)
        #expect(KeyDecoder.key(status: OK, code: 10) == .enter)
        #expect(KeyDecoder.key(status: OK, code: 27) == .escape)
        #expect(KeyDecoder.key(status: OK, code: 3) == .control("c"))
        #expect(KeyDecoder.key(status: OK, code: 0x4E2D) == .character("中"))
        #expect(KeyDecoder.key(status: ERR, code: 0) == nil)
    }
}
