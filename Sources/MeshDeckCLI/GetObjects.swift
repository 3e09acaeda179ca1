import MeshModel
import Presentation

/// The objects `get` lists for one kind, in the order the kubectl tables list their rows (by
/// namespace, then name), so a row and its object share an index.
enum GetObjects {
    struct Item {
        var name: String
        var object: KubectlGetOutput.Object
    }

    /// `namespace` nil: every namespace. Namespaces themselves are not namespaced.
    static func list(_ kind: Listable, in cluster: Cluster, namespace: String?) -> [Item] {
        switch kind {
        case .pods:
            return cluster.pods(in: namespace).map { pod in
                let template = cluster.owner(of: pod)
                return Item(name: pod.name, object: .pod(pod, annotations: template?.templateAnnotations ?? [:]))
            }
        case .kind(let k):
            return cluster.resources(of: k)
                .filter { !k.isNamespaced || namespace == nil || $0.meta.namespace == namespace }
                .map { Item(name: $0.meta.name, object: .resource($0)) }
        }
    }

    /// kubectl's `-o name` prefix: `service`, `pod`, `deployment.apps`, `tcproute.specs.smi-spec.io`.
    static func resourceName(_ kind: Listable) -> String {
        switch kind {
        case .pods: return "pod"
        case .kind(let k): return k.kubectlName
        }
    }

    /// kubectl's plural for messages: `services`, `deployments.apps`.
    static func plural(_ kind: Listable) -> String {
        switch kind {
        case .pods: return "pods"
        case .kind(let k): return k.group.isEmpty ? k.plural : "\(k.plural).\(k.group)"
        }
    }

    static func isNamespaced(_ kind: Listable) -> Bool {
        if case .kind(let k) = kind { return k.isNamespaced }
        return true
    }
}
