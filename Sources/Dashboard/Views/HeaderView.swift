/// The top line: the mesh, the mode as a reverse-video badge (never colour alone), egress,
/// and the probe counters.
enum HeaderView {
    static func draw(_ state: AppState, into canvas: inout Canvas, width: Int, context: RenderContext) {
        canvas.fill(x: 0, y: 0, width: width, height: 1, style: Style(.menu))
        var x = canvas.put(" MeshDeck ", x: 0, y: 0, style: Style(.title, bold: true))
        x += canvas.put(" mesh osm ", x: x, y: 0, style: Style(.menu))
        let permissive = state.cluster.isPermissive
        x += canvas.put(permissive ? " PERMISSIVE " : " SMI ", x: x, y: 0,
                        style: Style(permissive ? .permissive : .status, bold: true, reverse: true))
        x += canvas.put("  egress \(state.cluster.isEgressEnabled ? "on" : "off")", x: x, y: 0, style: Style(.menu))
        let g = context.glyphs
        x += canvas.put("   \(g.allowed) \(state.allowed) allowed", x: x, y: 0, style: Style(.allowed, bold: true))
        x += canvas.put("  \(g.denied) \(state.denied) denied", x: x, y: 0, style: Style(.denied, bold: true))
        if state.probesInFlight > 0 { canvas.put("  (\(state.probesInFlight) in flight)", x: x, y: 0, style: Style(.muted)) }
    }
}
