import TerminalUI

/// The top line: the mesh, the mode as a reverse-video badge (never colour alone), egress,
/// and the probe counters.
enum HeaderView {
    static func draw(_ state: AppState, into canvas: inout Canvas, width: Int, context: RenderContext) {
        let t = context.text(state)
        canvas.fill(x: 0, y: 0, width: width, height: 1, style: Style(.menu))
        var x = canvas.put(" MeshDeck ", x: 0, y: 0, style: Style(.title, bold: true))
        x += canvas.put(t.mesh, x: x, y: 0, style: Style(.menu))
        // The mode badge stays PERMISSIVE / SMI in every language: it names the mode as OSM's
        // MeshConfig and SMI do, the words a trainer types (`:permissive off`) and says.
        let permissive = state.cluster.isPermissive
        x += canvas.put(
            permissive ? " PERMISSIVE " : " SMI ", x: x, y: 0,
            style: Style(permissive ? .warning : .status, bold: true, reverse: true))
        x += canvas.put(t.egress(state.cluster.isEgressEnabled), x: x, y: 0, style: Style(.menu))
        let g = context.glyphs
        x += canvas.put(t.allowedCount(g.check, state.allowed), x: x, y: 0, style: Style(.success, bold: true))
        x += canvas.put(t.deniedCount(g.cross, state.denied), x: x, y: 0, style: Style(.failure, bold: true))
        if state.probesInFlight > 0 { canvas.put(t.inFlight(state.probesInFlight), x: x, y: 0, style: Style(.muted)) }
    }
}
