import MeshModel
import TerminalText
import TerminalUI

/// Every namespace, whether it is in the mesh (and injection on/off); osm-system is marked
/// as the control plane. The name column is as wide as the names (Kubernetes allows 63
/// characters); the built-in namespaces come last and are the first to scroll away. The rows
/// and their widths come from `AppState.panes`; only the rows in view are laid out.
enum NamespacesView {
    static func content(_ state: AppState, context: RenderContext) -> PaneContent {
        let t = context.text(state)
        let panes = state.panes
        let list = panes.namespaces
        func roleWord(_ role: NamespaceRow.Role) -> String {
            switch role {
            case .none: ""
            case .mesh: t.roleMesh
            case .meshNoInject: t.roleMeshNoInject
            case .controlPlane: t.roleControlPlane
            }
        }
        // Names with a role beside them line up in a column; the others may use the whole row.
        let nameColumn = panes.namespaceNameColumn
        let roleColumn = panes.namespaceRoles.map { TextWidth.of(roleWord($0)) }.max() ?? 0
        let loneName = panes.namespaceLoneName
        let shortColumn = min(nameColumn, 12)
        let natural = 2 + max(nameColumn + (roleColumn > 0 ? 2 + roleColumn : 0), loneName) + 2
        let minimum = min(natural, 2 + shortColumn + 2 + min(roleColumn, 4) + 2)
        let focused = state.focus == .namespaces
        return PaneContent(
            natural: natural, minimum: minimum, rows: list.total, essentialRows: max(1, panes.essentialNamespaces),
            lineCount: list.count, selected: list.selected, scroll: list.scroll,
            position: list.isEmpty ? nil : (list.selected + 1, list.count),
            empty: list.filter.isEmpty ? nil : t.logNoMatch(list.filter.text),
            lines: { width, range in
                // Names whole when they fit beside the roles, else the role gives way first.
                let column = max(1, min(nameColumn, max(shortColumn, width - 4 - roleColumn)))
                return range.map { i in
                    let row = list[i]
                    let ns = row.namespace
                    let selected = i == list.selected
                    // ▸ only where the focus is: the pane that keys act on.
                    let mark = selected && focused ? context.glyphs.pointer : " "
                    let style =
                        selected && focused
                        ? Style(.selected, reverse: true)
                        : Style(ns.isMonitored ? .body : .muted, bold: selected)
                    let role = roleWord(row.role)
                    // A name without a role beside it may use the whole row.
                    let name =
                        role.isEmpty
                        ? TextFit.truncate(ns.name, to: max(1, width - 2), ascii: context.ascii)
                        : TextFit.pad(ns.name, to: column, ascii: context.ascii) + "  " + role
                    return ("\(mark) \(name)", style)
                }
            })
    }
}
