import MeshModel
import PolicyEngine

/// The data plane's stand-in for "the internet" (`PolicyIndex.internetAddress`): one echo app,
/// without a sidecar, that answers every destination outside the cluster the policy lets a
/// connection reach (`github.com:443`, `1.1.1.1:53`) as OSM's tcp-echo-server would, so an allowed
/// probe really connects and gets its echo. It runs as a pod of its own, so it keeps every bound
/// a pod's app keeps (docs/LIMITS.md: a line, the idle time, a connection's life, the descriptor
/// reserve) and nothing more.
extension PodShape {
    static let internet = PodShape(
        pod: PolicyIndex.internetPod, workload: PolicyIndex.internetPod, identity: PolicyIndex.internetPod,
        appPorts: [InternetStandIn.port], sidecar: false)

    init(pod: ObjectKey, workload: ObjectKey, identity: ObjectKey, appPorts: [Int], sidecar: Bool) {
        self.pod = pod
        self.workload = workload
        self.identity = identity
        self.appPorts = appPorts
        self.sidecar = sidecar
    }
}

enum InternetStandIn {
    /// The key of its one listener among the pod's app ports: it answers every port.
    static let port = 0
}
