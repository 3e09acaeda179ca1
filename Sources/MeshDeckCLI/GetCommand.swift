import ArgumentParser
import Foundation
import MeshModel
import Presentation

struct Get: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List resources as kubectl does (services, pods, policies…).",
        usage: """
            meshdeck get [RESOURCES [NAME...] | KIND/NAME...] [-n NS | -A]
                         [-o json|yaml|wide|name] [--no-headers] [options]
            """,
        discussion: """
            With no RESOURCES, an overview of everything in every namespace. -o yaml and -o json print what 'kubectl get -o yaml' would for the same objects: one object when one is named, else a List. Pods are the ones MeshDeck derives from the Deployments, with the envoy sidecar where OSM injects it.

            Examples:
              meshdeck get                        # overview of the walkthrough scenario
              meshdeck get svc,po -n tcp-demo
              meshdeck get svc tcp-echo -n tcp-demo -o yaml
              meshdeck get deploy -A -o wide
              meshdeck get traffictarget -A --permissive off -f policy.yaml
            """)

    @Argument(
        help: ArgumentHelp(
            "Comma-separated kinds (ns, svc, po, sa, deploy, meshconfig, tcproute, httproutegroup, traffictarget, all), then names; or KIND/NAME.",
            valueName: "RESOURCES"))
    var resources: [String] = []

    @Flag(name: [.customShort("A"), .customLong("all-namespaces")], help: "List across all namespaces.")
    var allNamespaces = false

    @OptionGroup var output: OutputOptions<EveryFormat>

    @Flag(help: "Print tables without their header rows.")
    var noHeaders = false

    @OptionGroup var common: CommonOptions

    func validate() throws {
        let request = try GetRequest.parse(resources)
        if allNamespaces, common.namespace != nil { throw ValidationError("use either -n NAMESPACE or -A, not both") }
        if allNamespaces, request?.hasNames == true {
            throw ValidationError("a resource cannot be retrieved by name across all namespaces (use -n NAMESPACE)")
        }
        try output.check(command: "get")
    }

    func run() throws {
        let console = Console.current
        let loaded = try ClusterLoader.load(common)
        let request = try GetRequest.parse(resources)
        let parts = request?.parts ?? Listable.overview.map { GetRequest.Part(kind: $0, names: nil) }
        // kubectl lists the default namespace unless told otherwise; the overview shows all.
        let namespace: String? = allNamespaces || request == nil ? nil : (common.namespace ?? "default")
        var found: [(part: GetRequest.Part, items: [GetObjects.Item])] = []
        var missing: [String] = []
        for part in parts {
            let all = GetObjects.list(part.kind, in: loaded.cluster, namespace: namespace)
            guard let names = part.names else {
                found.append((part, all))
                continue
            }
            found.append((part, all.filter { names.contains($0.name) }))
            for name in names where !all.contains(where: { $0.name == name }) {
                let scope = GetObjects.isNamespaced(part.kind) ? " in namespace \(namespace ?? "default")" : ""
                missing.append("error: \(GetObjects.plural(part.kind)) \"\(name)\" not found\(scope)".terminalSafe)
            }
        }
        show(found, cluster: loaded.cluster, namespace: namespace, single: request?.isOneNamedObject == true, console: console)
        for line in missing { console.err(line) }
        if !missing.isEmpty { throw ExitCode(2) }
    }

    private func show(
        _ found: [(part: GetRequest.Part, items: [GetObjects.Item])], cluster: Cluster, namespace: String?, single: Bool,
        console: Console
    ) {
        let items = found.flatMap(\.items)
        switch output.format {
        case .yaml?:
            console.out(StructuredOutput.withoutFinalNewline(KubectlGetOutput.yaml(items.map(\.object), single: single)))
        case .json?:
            console.out(KubectlGetOutput.json(items.map(\.object), single: single))
        case .name?:
            for (part, items) in found {
                for item in items { console.out("\(GetObjects.resourceName(part.kind))/\(item.name)".terminalSafe) }
            }
            if items.isEmpty, found.allSatisfy({ $0.part.names == nil }) { console.err(Self.nothingFound(namespace)) }
        case .wide?, nil:
            let tables = GetTables(cluster: cluster, namespace: namespace, wide: output.format == .wide, headers: !noHeaders)
            if let text = tables.render(found) {
                console.out(text)
            } else if found.allSatisfy({ $0.part.names == nil }) {
                console.err(Self.nothingFound(namespace))
            }
        }
    }

    static func nothingFound(_ namespace: String?) -> String {
        namespace.map { "No resources found in \($0.terminalSafe) namespace." } ?? "No resources found"
    }
}
