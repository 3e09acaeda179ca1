import MeshModel
import Presentation

/// The columns kubectl adds with `-o wide`, where MeshDeck has what they show: a Service's
/// SELECTOR; a Deployment's CONTAINERS, IMAGES and SELECTOR. Pods have none: MeshDeck models no
/// pod IPs or nodes, and a made-up IP would be worse than none.
enum WideColumns {
    static func headers(_ kind: Listable) -> [String] {
        switch kind {
        case .kind(.service): return ["SELECTOR"]
        case .kind(.deployment): return ["CONTAINERS", "IMAGES", "SELECTOR"]
        default: return []
        }
    }

    static func cells(_ object: KubectlGetOutput.Object) -> [String] {
        guard case .resource(let resource) = object else { return [] }
        switch resource {
        case .service(let s):
            return [selector(s.selector)]
        case .deployment(let d):
            return [
                d.containers.map(\.name).joined(separator: ",").terminalSafe,
                d.containers.map(\.image).joined(separator: ",").terminalSafe, selector(d.selector),
            ]
        default:
            return []
        }
    }

    private static func selector(_ s: LabelSelector) -> String {
        s.matchLabels.isEmpty ? "<none>" : s.description.terminalSafe
    }
}
