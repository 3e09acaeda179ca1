import Foundation
import MeshModel
import TerminalUI
import Yams

/// A dashboard theme: a small subset of the k9s skin format, so a k9s skin can be reused.
///
/// Keys read (everything else in a skin is ignored):
/// - `k9s.body.fgColor` / `bgColor`: text and background of the panes (role body)
/// - `k9s.frame.border.fgColor` (borders), `focusColor` (the focused pane's border; the
///   border's colour when absent), `k9s.frame.title.fgColor` (pane titles),
///   `k9s.frame.menu.fgColor` (header and footer)
/// - `k9s.frame.status.addColor` (ALLOWED), `errorColor` (DENIED), `modifyColor` (PERMISSIVE
///   badge), `highlightColor` (SMI badge and messages), `completedColor` (muted text: commands
///   in the log, namespaces outside the mesh)
/// - `k9s.views.table.header.fgColor` (table headers), `k9s.views.table.cursorColor` (selection)
/// - `k9s.views.logs.fgColor` (log text)
package struct Theme: Sendable, Equatable {
    package var name: String
    package var palette: Palette
}

/// A theme file (or the config file naming one) that could not be used: which file, line and
/// key, and why.
package struct ThemeError: Error, Sendable, CustomStringConvertible {
    var file: String
    var line: Int
    var key: String
    var message: String
    /// `file:line: key: message`, leaving out what is not known (a missing file has no line).
    package var description: String {
        var parts = [line > 0 ? "\(file.terminalSafe):\(line)" : file.terminalSafe]
        if !key.isEmpty { parts.append(key.terminalSafe) }
        parts.append(message.terminalSafe)
        return parts.joined(separator: ": ")
    }
}

package enum ThemeLoader {
    /// Role → the skin key that colours it (a path under `k9s`), and whether it is a background.
    static let roleKeys: [(Style.Role, [String])] = [
        (.body, ["body", "fgColor"]), (.border, ["frame", "border", "fgColor"]), (.title, ["frame", "title", "fgColor"]),
        (.menu, ["frame", "menu", "fgColor"]), (.status, ["frame", "status", "highlightColor"]),
        (.tableHeader, ["views", "table", "header", "fgColor"]), (.selected, ["views", "table", "cursorColor"]),
        (.success, ["frame", "status", "addColor"]), (.failure, ["frame", "status", "errorColor"]),
        (.warning, ["frame", "status", "modifyColor"]), (.muted, ["frame", "status", "completedColor"]),
        (.logText, ["views", "logs", "fgColor"]), (.focusBorder, ["frame", "border", "focusColor"]),
    ]

    /// A role whose key a skin leaves out takes this other role's colour, so a skin without
    /// `focusColor` draws the focused pane's border as the others (it stays marked by its bold
    /// border and reverse title). Listed after the role it falls back to in `roleKeys`.
    static let fallbacks: [Style.Role: Style.Role] = [.focusBorder: .border]

    /// Parses a skin. Unknown keys are ignored (skins carry many); a colour that is not one is an
    /// error naming its line and key.
    package static func load(_ text: String, name: String, file: String) throws(ThemeError) -> Theme {
        guard let root = try compose(text, file: file) else {
            throw ThemeError(file: file, line: 1, key: "k9s", message: "the file is empty")
        }
        guard let k9s = root.mapping?["k9s"], k9s.mapping != nil else {
            throw ThemeError(
                file: file, line: root.mark?.line ?? 1, key: "k9s", message: "missing: a skin has everything under 'k9s:'")
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let background = try color(at: ["body", "bgColor"], in: k9s, file: file, lines: lines) ?? -1
        var pairs: [Style.Role: Palette.Pair] = [:]
        for (role, path) in roleKeys {
            let fg =
                try color(at: path, in: k9s, file: file, lines: lines) ?? fallbacks[role].flatMap { pairs[$0]?.foreground } ?? -1
            pairs[role] = role == .selected ? Palette.Pair(-1, fg) : Palette.Pair(fg, background)
        }
        return Theme(name: name, palette: Palette(name: name, pairs: pairs))
    }

    /// The file's YAML tree (nil when it holds none), or its syntax error with the line.
    static func compose(_ text: String, file: String) throws(ThemeError) -> Node? {
        do {
            return try Yams.compose(yaml: text)
        } catch {
            var line = 1
            if case .scanner(_, _, let mark, _)? = error as? YamlError { line = mark.line }
            if case .parser(_, _, let mark, _)? = error as? YamlError { line = mark.line }
            throw ThemeError(
                file: file, line: line, key: "",
                message: "invalid YAML: \(error)".split(separator: "\n").first.map(String.init) ?? "invalid YAML")
        }
    }

    private static func color(
        at path: [String], in k9s: Node, file: String, lines: [Substring]
    ) throws(ThemeError) -> Int16? {
        var node: Node? = k9s
        for key in path { node = node?.mapping?[key] }
        guard let node else { return nil }
        let key = "k9s." + path.joined(separator: ".")
        guard case .scalar(let scalar) = node, let value = ThemeColor.parse(scalar.string) else {
            throw ThemeError(
                file: file, line: node.mark?.line ?? 1, key: key,
                message: "not a colour: use a W3C colour name (red, darkslategray), a number 0-255, \"#rrggbb\" or default")
        }
        if let comment = unquotedHex(scalar, lines: lines) {
            throw ThemeError(
                file: file, line: scalar.mark?.line ?? 1, key: key,
                message: "# starts a YAML comment, so this colour is empty: quote it (\"\(comment)\")")
        }
        return value
    }

    /// `fgColor: #5f87af` unquoted is an empty value followed by a comment: the colour would
    /// silently be the terminal's own. (k9s's stock skins quote theirs.) Returns the comment's
    /// first word when an empty plain value is followed by one that reads as a hex colour; an
    /// empty value with an ordinary comment stays the terminal's colour, as in k9s.
    private static func unquotedHex(_ scalar: Node.Scalar, lines: [Substring]) -> String? {
        guard scalar.string.isEmpty, scalar.style == .plain, let mark = scalar.mark, lines.indices.contains(mark.line - 1)
        else { return nil }
        let line = lines[mark.line - 1]
        let rest = line.dropFirst(max(0, mark.column - 1)).drop { $0 == " " || $0 == "\t" }
        let word = rest.prefix { !$0.isWhitespace }
        guard word.first == "#", [4, 7].contains(word.count), word.dropFirst().allSatisfy(\.isHexDigit) else { return nil }
        return String(word)
    }
}
