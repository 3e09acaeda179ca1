import MeshModel
import TerminalText
import TerminalUI

/// Every namespace, whether it is in the mesh (and injection on/off); osm-system is marked
/// as the control plane.
enum NamespacesView {
    static func lines(_ state: AppState, context: RenderContext) -> [(String, Style)] {
        let t = context.text(state)
        return state.namespaces.enumerated().map { i, ns in
            let mark = i == state.selectedNamespace ? context.glyphs.pointer : " "
            let role: String
            if ns.isMonitored {
                role = ns.injectionAnnotation == true ? t.roleMesh : t.roleMeshNoInject
            } else if ns.name == MeshConfig.namespace, state.cluster.meshConfig != nil {
                role = t.roleControlPlane
            } else {
                role = ""
            }
            let style =
                i == state.selectedNamespace && state.focus == .namespaces
                ? Style(.selected, reverse: true)
                : Style(ns.isMonitored ? .body : .muted)
            return ("\(mark) \(TextWidth.pad(ns.name, to: 11, ascii: context.ascii)) \(role)", style)
        }
    }
}
