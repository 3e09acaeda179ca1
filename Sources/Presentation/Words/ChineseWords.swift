import MeshModel
import PolicyEngine

/// Chinese, for a trainer running the session in Chinese. The terms are the dashboard's and the
/// Chinese walkthrough's, one word each everywhere: 出站流量 egress (the dashboard's header, its
/// policies pane and its `g` key say 出站), 宽松模式 / 宽松流量策略模式 permissive mode, 网格 mesh,
/// 命名空间 namespace, 工作负载 workload, 端点 endpoint, 选择器 selector, 探测 probe, 允许 allow,
/// 拒绝 refuse; client and server sidecar are 客户端 sidecar and 服务端 sidecar (出站 is egress,
/// so never "出站 sidecar"). Kept in Latin script, as kubectl and osm print them and as the
/// walkthrough writes them: kind names (Service, Deployment, ServiceAccount, TrafficTarget,
/// TCPRoute, HTTPRouteGroup, MeshConfig), pod and sidecar, mTLS, resource names, commands, YAML
/// keys and values, and what `nc` prints in the pod. Lists take the enumeration comma (、).
///
/// Every method mirrors `EnglishWords` case for case, each a switch without default;
/// `ExplanationWordsTests` renders every case and finds no English sentence left, and
/// `Tests/Fixtures/explain-chinese.txt` pins the sentences the samples meet. Where a sentence
/// states OSM v1.2.4 behaviour, the comment names the OSM file it follows.
struct ChineseWords: ExplanationWords {
    init() {}

    /// Egress, as the dashboard's policies pane and messages say it (`出站流量：开`).
    static let egress = "出站流量"

    func reason(_ reason: ExplanationReason) -> String {
        switch reason {
        case .unknownSource:
            "源工作负载已不存在（已删除或缩容到 0），所以它的 sidecar 没有这个连接的路由"
        case .unknownHost(let host):
            "'\(host)' 无法解析为任何 Service"
        case .noSuchPort(let service, let port, let exposed):
            "Service \(service) 没有端口 \(port)（它开放的是 \(Self.list(exposed))）"
        case .notTCP(let service, let port, let transport):
            "Service \(service) 的端口 \(port) 是 \(transport)，而 nc 用的是 TCP"
        case .namedPortMissing(let pod, let portName):
            "pod \(pod) 没有声明名为 '\(portName)' 的容器端口"
        case .noEndpoints(let service, let selector):
            selector.isEmpty
                ? "Service \(service) 没有端点：它没有选择器，不会匹配任何 pod"
                : "Service \(service) 没有端点：没有运行中的 pod 匹配选择器 \(selector)"
        case .plaintextToMeshed(let source, let pod):
            // pkg/envoy/lds/inmesh.go: inbound filter chains match only mTLS with the mesh's ALPN.
            "\(source) 没有 sidecar，所以以明文连接；\(pod.map { "\($0) 的 sidecar" } ?? "目标的 sidecar") 只接受来自网格的 mTLS"
        case .egressDisabled:
            // pkg/envoy/lds/listener.go: without egress there is no passthrough filter chain.
            "目标在网格之外，且出站流量已关闭，所以客户端 sidecar 没有到它的路由"
        case .egressAllowed:
            "目标在网格之外；出站流量已开启，所以客户端 sidecar 直接转发这个连接"
        case .noMesh:
            "两个 pod 都没有 sidecar：普通的 Kubernetes 网络，不受任何网格策略约束"
        case .permissive:
            "宽松流量策略模式已开启：网格内的任何工作负载都可以访问网格内的任何服务"
        case .smiAllowed(let target, let serviceAccount, let port):
            "TrafficTarget \(target) 允许 ServiceAccount \(serviceAccount) 访问端口 \(port)"
        case .smiNoTrafficTarget(let serviceAccount, let destination):
            // pkg/envoy/lds/rbac.go: in SMI mode only the principals of a TrafficTarget are allowed.
            "SMI 模式（宽松模式已关闭），且没有任何 TrafficTarget 允许 ServiceAccount \(serviceAccount) 访问 ServiceAccount \(destination?.description ?? "?")"
        case .smiPortNotAllowed(let target, let serviceAccount, let allowed, let port):
            // pkg/catalog/traffictarget.go: the ports of a TrafficTarget's TCPRoutes, OR'ed.
            "TrafficTarget \(target) 列出了 ServiceAccount \(serviceAccount)，但它的路由\(allowed.map { "只允许端口 \(Self.ports($0))，" } ?? "")不包括端口 \(port)"
        }
    }

    func fact(_ fact: ExplanationFact) -> String {
        switch fact {
        case .source(let workload, let pods, let serviceAccount, let sidecar):
            "源：Deployment \(workload)，"
                + (pods.count == 1 ? "pod \(pods[0])" : "\(pods.count) 个 pod（\(pods.first ?? "")…）")
                + "，ServiceAccount \(serviceAccount)，" + (sidecar.injected ? "已注入 sidecar" : "没有 sidecar")
                + "（\(self.sidecar(sidecar))）"
        case .resolved(let host, let service, let clusterIP):
            "目标：\(host) 解析为 Service \(service)（ClusterIP \(clusterIP ?? "无")）"
        case .noSuchNamespace(let namespace):
            "目标：没有名为 '\(namespace)' 的命名空间"
        case .noSuchService(let namespace, let name, let existing):
            "目标：命名空间 \(namespace) 中没有 Service '\(name)'"
                + (existing.isEmpty ? "（它没有任何 Service）" : "（它有：\(Self.list(existing))）")
        case .unqualifiedHost(let host):
            "目标：'\(host)' 既不是 SERVICE.NAMESPACE，也不是源所在命名空间的 Service，也不是 ClusterIP"
        case .port(let number, let transport, let name, let targetPort, let kind, let because):
            "端口：\(number)/\(transport)\(name.map { " '\($0)'" } ?? "") → targetPort \(targetPort)，协议 \(kind.rawValue)（\(protocolBecause(because))）"
        case .endpoint(let pod, let serviceAccount, let meshed, let listeningOn):
            "端点：pod \(pod)，ServiceAccount \(serviceAccount)，" + (meshed ? "已注入 sidecar" : "没有 sidecar")
                + (listeningOn.map { "，监听端口 \($0)" } ?? "，没有这个命名端口")
        case .noEndpointPods(let selector):
            selector.isEmpty ? "端点：无（Service 没有选择器）" : "端点：无（选择器 \(selector) 没有匹配到运行中的 pod）"
        case .moreEndpoints(let count):
            "端点：另有 \(count) 个"
        case .meshConfig(let key, let permissive, let egress):
            "MeshConfig \(key)：enablePermissiveTrafficPolicyMode: \(permissive)，enableEgress: \(egress)"
        case .noMeshConfig:
            // cmd/osm-bootstrap/crds/config_meshconfig.yaml gives both no default: absent is false.
            "MeshConfig：无（缺少 osm-system/osm-mesh-config），所以使用 CRD 默认值：宽松模式关闭，出站流量关闭"
        case .trafficTarget(let key, let destination, let sources, let source, let includes, let rules, let ports):
            "TrafficTarget \(key)：目标 \(destination)，来源 \(Self.list(sources))"
                + (includes ? "（包含 \(source)）" : "（不包含 \(source)）")
                + "，规则 \(Self.list(rules.map { "\($0.kind) \($0.name)" }))，\(ports.map { "端口 \(Self.ports($0))" } ?? "任意端口")"
        case .ignoredTrafficTarget(let key, let sources, let because):
            "TrafficTarget \(key)（来源 \(Self.list(sources))）被忽略：\(ignored(because))"
        case .noTrafficTarget(let destination):
            "没有任何 TrafficTarget 以 ServiceAccount \(destination) 为目标"
        case .egressPassthrough:
            // pkg/catalog/outbound_traffic_policies.go (no route without a TrafficTarget) and
            // pkg/envoy/lds/listener.go (the passthrough chain when egress is on).
            "没有网格路由时，客户端 sidecar 把连接当作出站流量，以明文直接转发；服务端 sidecar 拒绝了它（只接受 mTLS）"
        case .noRouteEgressOff:
            "客户端 sidecar 没有到这个服务的路由，且出站流量已关闭，所以它关闭了连接"
        case .httpPort(let port, let because):
            "在网格看来端口 \(port) 是 HTTP（\(protocolBecause(because))）：客户端 sidecar 对原始 TCP 消息回复 'HTTP/1.1 400 Bad Request'"
        }
    }

    func fix(_ fix: ExplanationFix) -> String {
        switch fix {
        case .useServiceName:
            "使用 SERVICE.NAMESPACE（例如 tcp-echo.tcp-demo）、SERVICE.NAMESPACE.svc.cluster.local 或 ClusterIP"
        case .probeExposedPort(let exposed):
            "探测它开放的端口之一：\(Self.list(exposed))"
        case .nameContainerPort(let portName):
            "把一个容器端口命名为 '\(portName)'，或改用数字 targetPort"
        case .deployMatchingPods:
            "部署（或扩容）标签与这个 Service 的选择器匹配的 pod"
        case .addNamespaceToMesh(let namespace):
            // pkg/injector/webhook.go: sidecars are injected only when a pod is created.
            "把命名空间 \(namespace) 加入网格（osm namespace add \(namespace)），然后重启其中的 pod"
        case .enableEgress:
            "开启出站流量（spec.traffic.enableEgress: true），或把目标的命名空间加入网格"
        case .applyTrafficTarget(let destination, let source, let port):
            // pkg/validator/validators.go: a TrafficTarget must live in its destination's namespace.
            "在命名空间 \(destination?.namespace ?? "?") 中应用一个 TrafficTarget：目标为 ServiceAccount \(destination?.description ?? "?")，"
                + "来源为 ServiceAccount \(source)，规则为匹配端口 \(port) 的 TCPRoute（或开启宽松模式）"
        case .addPortToRoute(let port):
            "把端口 \(port) 加到 TCPRoute 的 spec.matches.ports 中"
        case .setAppProtocolTCP(let service, let port):
            "为 Service \(service) 的端口 \(port) 设置 'appProtocol: tcp'（或把端口命名为 'tcp-…'）"
        }
    }

    func summary(_ summary: VerdictSummary) -> String {
        switch summary {
        case .unknownSource: "源工作负载已不存在"
        case .unknownHost: "名称无法解析"
        case .noSuchPort: "Service 没有这个端口"
        case .notTCP: "端口不是 TCP"
        case .noEndpoints: "没有端点"
        case .plaintextToMeshed: "源没有 sidecar；目标只接受 mTLS"
        case .egressDisabled: "目标在网格之外，出站流量已关闭"
        case .egressAllowed: "目标在网格之外，出站流量已开启"
        case .noMesh: "没有 sidecar：普通 Kubernetes 网络"
        case .permissive(let httpPort): "宽松模式" + (httpPort ? Self.httpNote : "")
        case .smiAllowed(let target, let httpPort): "TrafficTarget \(target) 允许" + (httpPort ? Self.httpNote : "")
        case .smiNoTrafficTarget: "没有 TrafficTarget 允许这个连接"
        case .smiPortNotAllowed(let target): "TrafficTarget \(target) 不允许这个端口"
        }
    }

    static let httpNote = "（HTTP 端口：原始 TCP 会收到 400）"

    /// pkg/catalog/traffictarget.go: what drops a TrafficTarget.
    func ignored(_ why: TrafficTargetIgnored) -> String {
        switch why {
        case .namespaceNotInMesh(let namespace):
            "命名空间 \(namespace) 不在网格中，网格不读取其中的策略"
        case .noRules:
            "它没有任何规则"
        case .badRuleKind(let kind):
            "规则类型 \(kind) 不是 TCPRoute 或 HTTPRouteGroup，整个 TrafficTarget 因此无效"
        case .routeMissing(let kind, let route):
            "\(kind) \(route) 不存在（路由只在 TrafficTarget 自己的命名空间中查找）"
        }
    }

    /// pkg/k8s/client.go (ServiceToMeshServices): appProtocol, else the port name's prefix, else HTTP.
    func protocolBecause(_ because: PortProtocol.Because) -> String {
        switch because {
        case .appProtocol(let app):
            "appProtocol: \(app)"
        case .unknownAppProtocol(let app):
            "OSM 不认识 appProtocol '\(app)'，只认 tcp、tcp-server-first、http、grpc，所以按 HTTP 处理"
        case .namePrefix(let name, let prefix):
            "端口名 '\(name)' 以 '\(prefix)' 开头"
        case .nameWithoutPrefix(let name):
            "没有 appProtocol，且端口名 '\(name)' 没有 tcp-/tcp-server-first-/http-/grpc- 前缀，所以按 HTTP 处理"
        case .unnamed:
            "没有 appProtocol，也没有端口名，所以按 HTTP 处理"
        }
    }

    /// pkg/injector/webhook.go: the namespace must be monitored; the pod's annotation wins over
    /// the namespace's.
    func sidecar(_ decision: SidecarDecision) -> String {
        let ns = decision.namespace
        return switch decision.cause {
        case .namespaceMissing: "命名空间 \(ns) 不存在"
        case .notMonitored: "命名空间 \(ns) 不在网格中，没有标签 \(MeshLabels.monitoredBy): \(MeshLabels.meshName)"
        case .podAnnotation: "pod 注解 \(MeshLabels.sidecarInjection): \(decision.injected ? "enabled" : "disabled")"
        case .namespaceEnabled: "命名空间 \(ns) 在网格中，且启用了 sidecar 注入"
        case .namespaceDisabled: "命名空间 \(ns) 在网格中，但禁用了 sidecar 注入"
        case .noAnnotation: "命名空间 \(ns) 受网格监控，但没有 \(MeshLabels.sidecarInjection) 注解"
        }
    }

    func point(_ point: DecisionPoint) -> String {
        switch point {
        case .nameResolution: "名称解析"
        case .serviceEndpoints: "Service 端点"
        case .clientSidecar: "客户端 sidecar"
        case .serverSidecar: "服务端 sidecar"
        case .network: "网络"
        }
    }

    /// `DENIED（服务端 sidecar）`: the verdict word stays as the log shows it.
    func verdict(_ word: String, at point: DecisionPoint) -> String { "\(word)（\(self.point(point))）" }

    func labelled(_ head: String, _ text: String) -> String { "\(head)：\(text)" }

    /// Two characters and a full-width colon each for `explain`'s where/reason/facts/fix, so
    /// they line up without padding.
    func label(_ label: ExplanationLabel, aligned: Bool) -> String {
        switch label {
        case .where: "位置："
        case .reason: "原因："
        case .facts: "依据："
        case .fix: "修复："
        case .clientPrints: "pod 内 nc 的输出："
        case .probe: "探测："
        case .reply: "回应："
        case .policyNow: "当前策略："
        }
    }

    /// `a、b`: the enumeration comma, as Chinese lists values.
    static func list(_ items: [String]) -> String { items.joined(separator: "、") }
    static func ports(_ ports: [Int]) -> String { list(ports.map(String.init)) }
}
