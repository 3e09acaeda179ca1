import MeshModel
import TerminalText
import TerminalUI

/// Every namespace, whether it is in the mesh (and injection on/off); osm-system is marked
/// as the control plane. The name column is as wide as the names (Kubernetes allows 63
/// characters); the built-in namespaces come last and are the first to scroll away.
enum NamespacesView {
    static func content(_ state: AppState, context: RenderContext) -> PaneContent {
        let t = context.text(state)
        let namespaces = state.namespaces
        let roles = namespaces.map { ns -> String in
            if ns.isMonitored { return ns.injectionAnnotation == true ? t.roleMesh : t.roleMeshNoInject }
            if ns.name == MeshConfig.namespace, state.cluster.meshConfig != nil { return t.roleControlPlane }
            return ""
        }
        // Names with a role beside them line up in a column; the others may use the whole row.
        let withRole = namespaces.indices.filter { !roles[$0].isEmpty }
        let nameColumn = withRole.map { TextWidth.of(namespaces[$0].name) }.max() ?? 0
        let roleColumn = roles.map { TextWidth.of($0) }.max() ?? 0
        let loneName = namespaces.indices.filter { roles[$0].isEmpty }.map { TextWidth.of(namespaces[$0].name) }.max() ?? 0
        let essential = namespaces.filter { !Cluster.builtinNamespaces.contains($0.name) }
        let shortColumn = min(nameColumn, 12)
        let natural = 2 + max(nameColumn + (roleColumn > 0 ? 2 + roleColumn : 0), loneName) + 2
        let minimum = min(natural, 2 + shortColumn + 2 + min(roleColumn, 4) + 2)
        let focused = state.focus == .namespaces
        return PaneContent(
            natural: natural, minimum: minimum, rows: namespaces.count, essentialRows: max(1, essential.count),
            selected: state.selectedNamespace,
            lines: { width in
                // Names whole when they fit beside the roles, else the role gives way first.
                let column = max(1, min(nameColumn, max(shortColumn, width - 4 - roleColumn)))
                return namespaces.enumerated().map { i, ns in
                    let selected = i == state.selectedNamespace
                    // ▸ only where the focus is: the pane that keys act on.
                    let mark = selected && focused ? context.glyphs.pointer : " "
                    let style =
                        selected && focused
                        ? Style(.selected, reverse: true)
                        : Style(ns.isMonitored ? .body : .muted, bold: selected)
                    let role = roles[i]
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
