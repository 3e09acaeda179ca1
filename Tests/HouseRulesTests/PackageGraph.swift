import Foundation
import Subprocess

/// The package's targets and what each depends on, as SwiftPM itself reads Package.swift
/// (`swift package dump-package`), so the rules below check the real graph.
struct PackageGraph: Sendable {
    struct Target: Sendable {
        var name: String
        var type: String
        /// Targets of this package it depends on.
        var targets: [String]
        /// Products of other packages, as `package:product` (`swift-nio:NIOCore`).
        var products: [String]
    }
    var targets: [String: Target]

    static func load() async throws -> PackageGraph {
        // A scratch path of its own: `swift test` holds the lock on .build while this runs.
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("meshdeck-dump-package").path
        let result = try await run(
            .name("swift"), arguments: ["package", "--scratch-path", scratch, "dump-package"],
            workingDirectory: .init(Repository.root.path),
            output: .string(limit: 8 << 20), error: .string(limit: 1 << 20))
        guard result.terminationStatus.isSuccess else {
            throw GraphError(message: "swift package dump-package failed: \(result.standardError)")
        }
        let json = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any]
        var targets: [String: Target] = [:]
        for entry in json?["targets"] as? [[String: Any]] ?? [] {
            guard let name = entry["name"] as? String, let type = entry["type"] as? String else { continue }
            var target = Target(name: name, type: type, targets: [], products: [])
            for dependency in entry["dependencies"] as? [[String: Any]] ?? [] {
                if let byName = dependency["byName"] as? [Any], let dep = byName.first as? String {
                    target.targets.append(dep)
                } else if let target2 = dependency["target"] as? [Any], let dep = target2.first as? String {
                    target.targets.append(dep)
                } else if let product = dependency["product"] as? [Any], let dep = product.first as? String,
                    let package = product.dropFirst().first as? String
                {
                    target.products.append("\(package):\(dep)")
                }
            }
            targets[name] = target
        }
        // A by-name dependency on another package's product (Yams) is not one of ours.
        let ours = Set(targets.keys)
        for (name, target) in targets {
            let external = target.targets.filter { !ours.contains($0) }
            targets[name]!.targets.removeAll { !ours.contains($0) }
            targets[name]!.products += external.map { "\($0):\($0)" }
        }
        return PackageGraph(targets: targets)
    }

    /// Everything `name` depends on, directly or not (targets of this package).
    func closure(of name: String) -> Set<String> {
        var seen: Set<String> = []
        var queue = targets[name]?.targets ?? []
        while let next = queue.popLast() {
            guard seen.insert(next).inserted else { continue }
            queue += targets[next]?.targets ?? []
        }
        return seen
    }

    struct GraphError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}
