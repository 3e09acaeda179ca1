import CNCurses
import TerminalUI

/// Turns what `get_wch` returned into a `Key`: raw codes stop here, views and the reducer
/// only ever see `Key`.
enum KeyDecoder {
    /// `status` is get_wch's result: OK when `code` is a character, KEY_CODE_YES when it is a
    /// KEY_* code. nil for anything the dashboard has no use for.
    static func key(status: Int32, code: UInt32) -> Key? {
        switch status {
        case KEY_CODE_YES: keyCode(Int32(bitPattern: code))
        case OK: character(code)
        default: nil
        }
    }

    private static func keyCode(_ code: Int32) -> Key? {
        switch code {
        case KEY_RESIZE: .resize
        case KEY_UP: .up
        case KEY_DOWN: .down
        case KEY_LEFT: .left
        case KEY_RIGHT: .right
        case KEY_NPAGE: .pageDown
        case KEY_PPAGE: .pageUp
        case KEY_HOME: .home
        case KEY_END: .end
        case KEY_BTAB: .backTab
        case KEY_BACKSPACE: .backspace
        case KEY_DC: .delete
        case KEY_ENTER: .enter
        // curses numbers function keys KEY_F0 + n, for n up to 63.
        case (KEY_F0 + 1)...(KEY_F0 + 63): .function(Int(code - KEY_F0))
        default: nil
        }
    }

    private static func character(_ code: UInt32) -> Key? {
        switch code {
        // nonl() keeps Enter as CR; LF still arrives from Ctrl-J and some terminals.
        case 10, 13: return .enter
        case 27: return .escape
        case 9: return .tab
        case 8, 127: return .backspace
        case 1...26: return .control(Character(Unicode.Scalar(UInt8(96 + code))))
        default:
            // Other control codes (NUL, Ctrl-\ … Ctrl-_, C1) mean nothing here.
            guard code >= 0x20, !(0x80..<0xA0).contains(code), let scalar = Unicode.Scalar(code) else { return nil }
            return .character(Character(scalar))
        }
    }
}
