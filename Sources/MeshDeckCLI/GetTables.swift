import MeshModel
import Presentation

/// `get`'s tables: the kubectl tables MeshDeck shares with the walkthrough, narrowed to the
/// objects asked for by name, with kubectl's wide columns and without headers when asked.
struct GetTables {
    let cluster: Cluster
    let namespace: String?
    let wide: Bool
    let headers: Bool

    /// One table per kind with something to show, a blank line between them (none without
    /// headers, as kubectl prints them); nil when there is nothing to show.
    func render(_ found: [(part: GetRequest.Part, items: [GetObjects.Item])]) -> String? {
        let tables = ResourceTables(cluster: cluster)
        var rendered: [String] = []
        for (part, items) in found where !items.isEmpty {
            guard var table = tables.table(part.kind, namespace: namespace, prefixNames: found.count > 1) else { continue }
            let all = GetObjects.list(part.kind, in: cluster, namespace: namespace)
            // Rows and objects are both in namespace-then-name order, so they pair by index. Should
            // the shared tables ever list differently, show their table as it is rather than
            // pairing rows with the wrong objects.
            guard table.rows.count == all.count else {
                assertionFailure("\(part.kind): \(table.rows.count) rows for \(all.count) objects")
                rendered.append(headers ? table.render() : TableText.withoutHeaders(table))
                continue
            }
            let wanted = Set(items.map(\.name))
            let rows = zip(table.rows, all).filter { wanted.contains($0.1.name) }
            table.rows = rows.map { row, item in wide ? row + WideColumns.cells(item.object) : row }
            if wide { table.headers += WideColumns.headers(part.kind) }
            rendered.append(headers ? table.render() : TableText.withoutHeaders(table))
        }
        return rendered.isEmpty ? nil : rendered.joined(separator: headers ? "\n\n" : "\n")
    }
}
