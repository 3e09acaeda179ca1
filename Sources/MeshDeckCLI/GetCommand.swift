import ArgumentParser
import Dashboard
import Foundation
import MeshModel
import Presentation

struct Get: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List resources as kubectl does (services, pods, policies…).",
        discussion: """
            With no RESOURCES, an overview of everything in every namespace.

            Examples:
              meshdeck get                        # overview of the walkthrough scenario
              meshdeck get svc,po -n tcp-demo
              meshdeck get traffictarget -A --permissive off -f policy.yaml
            """)

    @Argument(
        help: ArgumentHelp(
            "Comma-separated kinds: ns, svc, po, sa, deploy, meshconfig, tcproute, httproutegroup, traffictarget, all.",
            valueName: "RESOURCES"))
    var resources: String?

    @Flag(name: [.customShort("A"), .customLong("all-namespaces")], help: "List across all namespaces.")
    var allNamespaces = false

    @OptionGroup var common: CommonOptions

    func validate() throws {
        if let resources, Listable.parse(resources) == nil {
            throw ValidationError(
                "unknown resource type in '\(resources.terminalSafe)'; use ns, svc, po, sa, deploy, meshconfig, tcproute, httproutegroup, traffictarget or all"
            )
        }
        if allNamespaces, common.namespace != nil { throw ValidationError("use either -n NAMESPACE or -A, not both") }
    }

    func run() throws {
        let console = Console.current
        let loaded = try ClusterLoader.load(common)
        let tables = ResourceTables(cluster: loaded.cluster)
        let kinds = resources.flatMap(Listable.parse) ?? Listable.overview
        // kubectl lists the default namespace unless told otherwise; the overview shows all.
        let namespace: String? = allNamespaces || resources == nil ? nil : (common.namespace ?? "default")
        guard let listing = tables.listing(kinds, namespace: namespace) else {
            console.err(namespace.map { "No resources found in \($0.terminalSafe) namespace." } ?? "No resources found")
            return
        }
        console.out(listing)
    }
}
