import Foundation
import Testing

/// Data flows one way, and only the data plane links SwiftNIO: the UI, the model and the policy
/// engine neither import it nor depend on anything that does (docs/ARCHITECTURE.md).
@Suite struct LayeringTests {
    static let nioFree = [
        "TerminalText", "TerminalUI", "MeshModel", "PolicyEngine", "DataPlaneInterface", "Presentation", "Dashboard",
        "NCursesTerminal",
    ]

    @Test func nothingAboveTheDataPlaneLinksSwiftNIO() async throws {
        let graph = try await PackageGraph.load()
        for name in Self.nioFree {
            #expect(graph.targets[name] != nil, "no target \(name)")
            for target in [name] + graph.closure(of: name) {
                let nio = graph.targets[target]?.products.filter { $0.hasPrefix("swift-nio") } ?? []
                #expect(nio.isEmpty, "\(name) reaches SwiftNIO through \(target): \(nio)")
            }
        }
    }

    @Test func noSourceAboveTheDataPlaneImportsNIO() throws {
        var found: [String] = []
        for name in Self.nioFree {
            for path in Repository.swiftFiles(under: "Sources/\(name)") {
                for (n, line) in try Repository.read(path).split(separator: "\n").enumerated()
                where line.range(of: #"^\s*(@\w+\s+)*import\s+NIO"#, options: .regularExpression) != nil {
                    found.append("\(path):\(n + 1): \(line)")
                }
            }
        }
        #expect(found.isEmpty, "\(found.joined(separator: "\n"))")
    }

    /// A target imports only targets it depends on, directly or through another: a module it
    /// reaches only because the build happened to make it first breaks a clean build (a fresh
    /// clone's `.ci/run` failed once on PresentationTests importing Dashboard).
    @Test func everyImportedTargetIsADependency() async throws {
        let graph = try await PackageGraph.load()
        var found: [String] = []
        for target in graph.targets.values {
            let folder =
                target.name == "MeshDeckTestSupport"
                ? "Tests/Support" : "\(target.type == "test" ? "Tests" : "Sources")/\(target.name)"
            let reachable = graph.closure(of: target.name).union([target.name])
            for path in Repository.swiftFiles(under: folder) {
                for (n, line) in try Repository.read(path).split(separator: "\n").enumerated() {
                    guard let range = line.range(of: #"^\s*(@\w+\s+)*import\s+\w+"#, options: .regularExpression)
                    else { continue }
                    let module = String(line[range].split(separator: " ").last ?? "")
                    if graph.targets[module] != nil, !reachable.contains(module) {
                        found.append("\(path):\(n + 1): \(target.name) imports \(module) without depending on it")
                    }
                }
            }
        }
        #expect(found.isEmpty, "\(found.sorted().joined(separator: "\n"))")
    }

    /// Only NCursesTerminal talks to ncurses; only ConnectionEngine opens sockets.
    @Test func ncursesAndSocketsStayInTheirTargets() async throws {
        let graph = try await PackageGraph.load()
        let cursesUsers = graph.targets.values.filter { $0.targets.contains("CNCurses") }.map(\.name).sorted()
        #expect(cursesUsers == ["NCursesTerminal", "NCursesTerminalTests"])
        let posixUsers = graph.targets.values.filter { $0.products.contains("swift-nio:NIOPosix") }.map(\.name).sorted()
        #expect(posixUsers == ["ConnectionEngine"])
    }
}
