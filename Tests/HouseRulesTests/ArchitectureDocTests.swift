import Foundation
import Testing

/// docs/ARCHITECTURE.md's target table is the map a newcomer reads: it must be the package's
/// real graph. Every target that is not a test, with exactly its dependencies inside the package
/// and the packages it uses outside it.
@Suite struct ArchitectureDocTests {
    struct Row: Equatable, CustomStringConvertible {
        var targets: Set<String>
        var packages: Set<String>
        var description: String { "targets \(targets.sorted()), packages \(packages.sorted())" }
    }

    /// The rows of the table under `## Targets`: `| \`Name\` | owns | targets | packages |`.
    static func documented() throws -> [String: Row] {
        let text = try Repository.read("docs/ARCHITECTURE.md")
        guard let start = text.range(of: "\n## Targets\n") else { return [:] }
        let section = text[start.upperBound...].prefix { _ in true }
        var rows: [String: Row] = [:]
        for line in section.split(separator: "\n") {
            if line.hasPrefix("## ") { break }
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard cells.count >= 6, cells[1].hasPrefix("`"), cells[1].hasSuffix("`") else { continue }
            func names(_ cell: String) -> Set<String> {
                cell == "–" ? [] : Set(cell.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
            }
            rows[String(cells[1].dropFirst().dropLast())] = Row(targets: names(cells[3]), packages: names(cells[4]))
        }
        return rows
    }

    @Test func theTargetTableIsThePackageGraph() async throws {
        let graph = try await PackageGraph.load()
        let documented = try Self.documented()
        #expect(!documented.isEmpty, "no target table under '## Targets' in docs/ARCHITECTURE.md")
        let real = graph.targets.values.filter { $0.type != "test" }
        #expect(Set(documented.keys) == Set(real.map(\.name)), "targets documented vs in Package.swift")
        for target in real {
            let actual = Row(
                targets: Set(target.targets),
                packages: Set(target.products.map { String($0.split(separator: ":")[0]) }))
            #expect(
                documented[target.name] == actual,
                "\(target.name): the document says \(documented[target.name].map(\.description) ?? "nothing"), Package.swift says \(actual)"
            )
        }
    }
}
