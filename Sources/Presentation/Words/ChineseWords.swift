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
        case .egressPolicy(let egress, let serviceAccount, let port, let proto, let ranges):
            // pkg/catalog/egress.go: an Egress policy opens its ports to its sources with egress off.
            "目标在网格之外，且出站流量已关闭，但 Egress \(egress) 允许 ServiceAccount \(serviceAccount) 访问端口 \(port)（\(proto)，"
                + (ranges.isEmpty ? "任意地址）" : "地址 \(Self.list(ranges))）")
        case .sidecarBypassed(let source, let outbound, let pod, let inbound):
            // pkg/injector/iptables.go: excluded traffic never enters the sidecar.
            "不经拦截："
                + [
                    outbound.map { "它绕过 sidecar 离开 \(source)（\(match($0))）" },
                    inbound.map { "它绕过 sidecar 直接到达\(pod.map { " \($0) " } ?? "目标")的应用（\(match($0))）" },
                ].compactMap { $0 }.joined(separator: "，并且") + "；中间没有 sidecar"
        case .bypassedToMeshed(let source, let outbound, let pod):
            "\(source) 的 sidecar 被绕过（\(outbound.map(match) ?? "一项出方向排除")），所以连接以明文发出；"
                + "\(pod.map { "\($0) 的 sidecar" } ?? "目标的 sidecar") 只接受来自网格的 mTLS"
        case .inboundBypassedMTLS(let port, let pod, let inbound):
            "\(pod ?? "目标") 的端口 \(port) 绕过了它的 sidecar（\(inbound.map(match) ?? "一项入方向排除")），"
                + "所以客户端 sidecar 的 mTLS 直接到达应用本身，握手永远无法完成"
        case .unsupportedProtocol(let service, let port, let app, let egress):
            // pkg/envoy/lds/inmesh.go: no filter chain for an unknown protocol.
            "Service \(service) 的端口 \(port) 的 appProtocol 是 '\(app)'，OSM 不认识它，所以两端的 sidecar 都不为它建立过滤器链"
                + (egress ? "：客户端 sidecar 以明文直接转发它，服务端 sidecar 拒绝了它" : "：客户端 sidecar 没有路由，于是关闭了连接")
        case .nothingListens(let pod, let listening, let targetPort):
            "pod \(pod ?? "?") 监听的是 \(Self.ports(listening))，而不是 targetPort \(targetPort)，所以连接被拒绝"
        case .ingressBackend(let ingress, let backend, let port, let proto, let sourceIP):
            "源没有 sidecar，但 IngressBackend \(ingress) 允许它的地址 \(sourceIP) 访问 \(backend) 的端口 \(port)（\(proto)）"
                + (proto == "http" ? "：服务端 sidecar 接受明文 HTTP，所以原始 TCP 会收到它的 400 Bad Request" : "")
        case .ingressNeedsTLS(let ingress, let backend, let port):
            "IngressBackend \(ingress) 以 https 提供 \(backend) 的端口 \(port)：服务端 sidecar 的入口过滤器链只接受 TLS，而原始 TCP 不是"
        }
    }

    /// The exclusion a connection matched, and where it comes from.
    func match(_ match: ExclusionMatch) -> String {
        switch match {
        case .port(let port, let origin): "端口 \(port) 在 \(self.origin(origin)) 中"
        case .address(let ip, let range, let origin): "\(ip) 属于 \(self.origin(origin)) 中的 \(range)"
        }
    }

    func origin(_ origin: PodExclusions.Origin) -> String {
        switch origin {
        case .meshConfig(let key, let field): "MeshConfig \(key) 的 spec.traffic.\(field)"
        case .podAnnotation(let key): "pod 注解 \(key)"
        }
    }

    /// `23 小时 59 分`, `4 分 10 秒`, `12 秒`.
    static func duration(_ seconds: Int) -> String {
        let (h, m, s) = EnglishWords.durationParts(seconds)
        if h > 0 { return "\(h) 小时 \(m) 分" }
        return m > 0 ? "\(m) 分 \(s) 秒" : "\(s) 秒"
    }

    /// A workload kind as kubectl names it; a bare pod is a pod, as everywhere in these words.
    static func kindName(_ kind: ResourceKind) -> String { kind == .pod ? "pod" : kind.rawValue }

    /// What MeshDeck leaves out of a kind it only shows (MeshModel's `notActedOn`).
    static func notActedOn(_ kind: ResourceKind) -> String {
        switch kind {
        case .ingressBackend: "MeshDeck 会显示 IngressBackend，但不模拟入口流量（无法从入口来源发起探测）"
        case .retry: "MeshDeck 会显示 Retry 策略，但不会重试：TCP 判定不取决于它们"
        case .upstreamTrafficSetting: "MeshDeck 会显示 UpstreamTrafficSetting，但不应用其中的连接数限制、限流或异常检测"
        case .meshRootCertificate: "MeshDeck 会显示 MeshRootCertificate，但使用自己的网格 CA；不模拟证书轮换"
        default: "MeshDeck 不据此行事"
        }
    }

    func fact(_ fact: ExplanationFact) -> String {
        switch fact {
        case .source(let kind, let workload, let pods, let serviceAccount, let sidecar):
            "源：\(Self.kindName(kind)) \(workload)，"
                + (kind == .pod
                    ? "即它本身" : pods.count == 1 ? "pod \(pods[0])" : "\(pods.count) 个 pod（\(pods.first ?? "")…）")
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
        case .internet(let host, let address):
            (host == address
                ? "目标：\(host) 是集群之外的地址"
                : "目标：\(host) 在集群之外；pod 的 DNS 将它解析为 \(address)")
                + "（MeshDeck 代替互联网的服务器在那里以回显服务器应答）"
        case .port(let number, let transport, let name, let targetPort, let kind, let because):
            "端口：\(number)/\(transport)\(name.map { " '\($0)'" } ?? "") → targetPort \(targetPort)，协议 \(kind.rawValue)（\(protocolBecause(because))）"
        case .endpoint(let pod, let serviceAccount, let meshed, let listeningOn, let echoServers):
            "端点：pod \(pod)，ServiceAccount \(serviceAccount)，" + (meshed ? "已注入 sidecar" : "没有 sidecar")
                + (listeningOn.map { port in
                    echoServers.contains(port)
                        ? "，监听端口 \(port)"
                        : echoServers.isEmpty
                            ? "，目标端口 \(port)，但它没有运行 tcp-echo-server，那里没有程序应答"
                            : "，目标端口 \(port)，但那里没有程序监听（它的 echo 服务器监听 \(Self.ports(echoServers))）"
                } ?? "，没有这个命名端口")
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
        case .mutualTLS(let client, let server):
            "sidecar 之间是双向 TLS（mTLS）：客户端出示 \(ExplanationFact.certificateName(client)) 的证书，并验证服务端是 \(ExplanationFact.certificateName(server))；服务端用网格根证书验证客户端证书，并按这个身份做决定"
        case .certificateValidity(let identity, let seconds):
            seconds > 0
                ? "\(ExplanationFact.certificateName(identity)) 的证书还有 \(Self.duration(seconds)) 有效（到期前会续签）"
                : "\(ExplanationFact.certificateName(identity)) 的证书已过期：它的 sidecar 下一次连接的 TLS 握手会失败"
        case .routeButNoRBAC:
            // pkg/catalog/outbound_traffic_policies.go (the route) and pkg/envoy/lds/rbac.go (RBAC).
            "客户端 sidecar 有路由（有一个有效的 TrafficTarget 列出了源），但服务端 sidecar 的 RBAC 中没有任何 TrafficTarget 允许它"
        case .podRefused(let kind, let workload, let refusal):
            // `refusal` is the API server's message, as kubectl prints it.
            "\(Self.kindName(kind)) \(workload) 没有 pod：创建时失败，报错 \(refusal)"
        case .noEgressPolicy(let serviceAccount):
            "Egress 策略：没有任何 Egress 列出 ServiceAccount \(serviceAccount)"
        case .egressPolicyFlagOff:
            "Egress 策略：featureFlags.enableEgressPolicy 为 false，所以不读取任何 Egress 策略"
        case .egressPolicyMismatch(let egress, let serviceAccount, let ports, let addresses, let ignored):
            "Egress \(egress) 列出了 \(serviceAccount)：端口 \(Self.list(ports))，"
                + (addresses.isEmpty ? "任意地址" : "地址 \(Self.list(addresses))")
                + (ignored ? "（被忽略：它的命名空间不在网格中）" : "") + "；没有一项匹配这个地址和端口"
        case .trafficSplit(let key, let apex, let backends):
            "TrafficSplit \(key)：根 Service \(apex) → \(Self.list(backends.map { "\($0.service) 权重 \($0.weight)" }))"
        case .ignoredTrafficSplit(let key, let because):
            "TrafficSplit \(key) 被忽略：\(splitIgnored(because))"
        case .splitBackendsMissing(let key, let missing):
            "TrafficSplit \(key)：后端 Service \(Self.list(missing)) 不存在，收不到流量"
        case .splitBackend(let backend, let pod):
            "流量拆分：这个连接去往后端 \(backend)（pod \(pod)）；由该后端的 sidecar 和 TrafficTarget 决定"
        case .splitSourceUnmeshed(let source):
            "流量拆分：\(source) 没有 sidecar，所以任何 TrafficSplit 都不适用：由 kube-proxy 在根 Service 自己的端点中选一个"
        case .splitNoBackend:
            "流量拆分：没有哪个后端权重大于 0、提供这个端口且有运行中的 pod"
        case .splitNoRoute(let serviceAccount):
            "流量拆分：未生效，因为客户端 sidecar 没有到根 Service 的路由（没有 TrafficTarget 允许 \(serviceAccount) 访问它的 pod）"
        case .shownKind(let kind, let key, let service):
            "\(kind.rawValue) \(key) 引用了 \(service)：\(Self.notActedOn(kind))"
        case .ingressChain(let key, let backend, let port, let proto, let sources, let sourceIP, let matches):
            "IngressBackend \(key)：\(backend) 的端口 \(port)（\(proto)）来源 "
                + (sources.isEmpty ? "任意" : Self.list(sources))
                + (matches ? "；源地址 \(sourceIP) 与之匹配" : "；源地址 \(sourceIP) 不在其中")
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
        case .enableEgress(let serviceAccount, let policyFlagOff):
            "开启出站流量（spec.traffic.enableEgress: true），或应用一个来源为 ServiceAccount \(serviceAccount)、含目标端口和地址的 Egress 策略"
                + (policyFlagOff ? "（并设置 featureFlags.enableEgressPolicy: true）" : "")
                + "，或把目标的命名空间加入网格"
        case .enableEgressToInternet(let serviceAccount, let policyFlagOff):
            "开启出站流量（spec.traffic.enableEgress: true），或应用一个来源为 ServiceAccount \(serviceAccount)、含目标主机或地址范围及端口的 Egress 策略"
                + (policyFlagOff ? "（并设置 featureFlags.enableEgressPolicy: true）" : "")
        case .applyTrafficTarget(let destination, let source, let port):
            // pkg/validator/validators.go: a TrafficTarget must live in its destination's namespace.
            "在命名空间 \(destination?.namespace ?? "?") 中应用一个 TrafficTarget：目标为 ServiceAccount \(destination?.description ?? "?")，"
                + "来源为 ServiceAccount \(source)，规则为匹配端口 \(port) 的 TCPRoute（或开启宽松模式）"
        case .addPortToRoute(let port):
            "把端口 \(port) 加到 TCPRoute 的 spec.matches.ports 中"
        case .setAppProtocolTCP(let service, let port):
            "为 Service \(service) 的端口 \(port) 设置 'appProtocol: tcp'（或把端口命名为 'tcp-…'）"
        case .removeOutboundExclusion(let targetPort):
            "去掉这项出方向排除，或把目标的端口 \(targetPort) 也从它的入方向拦截中排除"
        case .removeInboundExclusion(let source):
            "去掉这项入方向排除，或把这个端口也从 \(source) 的出方向拦截中排除（那样它以明文传输）"
        case .setKnownAppProtocol(let service, let port):
            "把 Service \(service) 的端口 \(port) 的 appProtocol 设为 tcp（或 tcp-server-first、http、grpc）"
        case .matchTargetPort(let listening, let targetPort):
            "把 Service 的 targetPort 指向 \(Self.ports(listening))，或用 --port \(targetPort) 运行服务器"
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
        case .egressPolicy: "目标在网格之外，由 Egress 策略允许"
        case .sidecarBypassed: "不经拦截：中间没有 sidecar"
        case .bypassedToMeshed: "绕过了源的 sidecar：明文发往只接受 mTLS 的 sidecar"
        case .inboundBypassedMTLS: "端口绕过了目标的 sidecar：mTLS 直达应用"
        case .nothingListens: "目标端口上没有程序监听"
        case .ingressAllowed: "IngressBackend 允许（HTTP：原始 TCP 收到 400）"
        case .ingressNeedsTLS: "IngressBackend 的 https 过滤器链只接受 TLS"
        case .unsupportedProtocol: "OSM 不认识的 appProtocol：没有过滤器链"
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
        case .routeMissing(let route):
            "TCPRoute \(route) 不存在（路由只在 TrafficTarget 自己的命名空间中查找），所以服务端 sidecar 的 RBAC 不包含它；客户端 sidecar 仍有路由"
        }
    }

    func splitIgnored(_ why: TrafficSplitIgnored) -> String {
        switch why {
        case .namespaceNotInMesh(let namespace):
            "命名空间 \(namespace) 不在网格中，网格不读取其中的 TrafficSplit"
        case .apexMissing(let service):
            "它的根 Service \(service) 不存在"
        case .alreadySplit(let first, let service):
            "TrafficSplit \(first) 已经拆分了 \(service)；OSM 只采用第一个"
        }
    }

    /// pkg/k8s/client.go (ServiceToMeshServices): appProtocol, else the port name's prefix, else HTTP.
    func protocolBecause(_ because: PortProtocol.Because) -> String {
        switch because {
        case .appProtocol(let app):
            "appProtocol: \(app)"
        case .unknownAppProtocol(let app):
            "OSM 不认识 appProtocol '\(app)'，只认 tcp、tcp-server-first、http、grpc，所以它的 sidecar 不为它建立过滤器链"
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
        case .ignoreLabel: "命名空间 \(ns) 带有标签 \(MeshLabels.ignore)，OSM 的注入 webhook 看不到其中的 pod"
        case .nameLabel: "命名空间 \(ns) 带有标签 name: \(MeshConfig.namespace)，OSM 的注入 webhook 会跳过它"
        case .controlPlaneLabel: "命名空间 \(ns) 带有标签 control-plane，OSM 的注入 webhook 会跳过它"
        case .hostNetwork: "pod 以 hostNetwork: true 运行，OSM 从不在那里注入 sidecar"
        case .controlPlaneNamespace: "OSM 从不在命名空间 \(ns) 中注入 sidecar"
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
