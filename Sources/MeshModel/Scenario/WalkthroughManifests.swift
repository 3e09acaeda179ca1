/// The manifests of OSM's "TCP traffic routing" walkthrough, compiled into the binary so the
/// scenario needs no files. They are the published ones; only the policy heredoc is corrected
/// (the published one is mis-indented and fails to parse).
package enum WalkthroughManifests {
    /// `kubectl create namespace …` for the control plane and both app namespaces, with
    /// `osm namespace add tcp-demo curl` already applied to the app namespaces.
    static let namespaces = """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: osm-system
        ---
        apiVersion: v1
        kind: Namespace
        metadata:
          name: tcp-demo
          labels:
            openservicemesh.io/monitored-by: osm
          annotations:
            openservicemesh.io/sidecar-injection: enabled
        ---
        apiVersion: v1
        kind: Namespace
        metadata:
          name: curl
          labels:
            openservicemesh.io/monitored-by: osm
          annotations:
            openservicemesh.io/sidecar-injection: enabled
        """

    /// `osm-mesh-config` with OSM v1.2's install defaults for the two traffic switches.
    static let meshConfig = """
        apiVersion: config.openservicemesh.io/v1alpha2
        kind: MeshConfig
        metadata:
          name: osm-mesh-config
          namespace: osm-system
        spec:
          traffic:
            enablePermissiveTrafficPolicyMode: true
            enableEgress: true
        """

    /// `manifests/apps/tcp-echo.yaml`, applied with `-n tcp-demo`.
    package static let tcpEcho = """
        # Note: create and add the `tcp-demo` namespace to the mesh prior to deploying this app
        apiVersion: v1
        kind: Service
        metadata:
          name: tcp-echo
          labels:
            app: tcp-echo
        spec:
          ports:
          - name: tcp
            port: 9000
            appProtocol: tcp # required for TCP based routing
          selector:
            app: tcp-echo
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: tcp-echo
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: tcp-echo
          labels:
            app: tcp-echo
            version: v1
        spec:
          replicas: 1
          selector:
            matchLabels:
              app: tcp-echo
              version: v1
          template:
            metadata:
              labels:
                app: tcp-echo
                version: v1
            spec:
              serviceAccountName: tcp-echo
              nodeSelector:
                kubernetes.io/arch: amd64
                kubernetes.io/os: linux
              containers:
              - name: tcp-echo-server
                image: "openservicemesh/tcp-echo-server:latest"
                imagePullPolicy: Always
                command: ["/tcp-echo-server"]
                args: [ "--port", "9000" ]
                ports:
                - containerPort: 9000
                  name: tcp-echo-server
        """

    /// `manifests/samples/curl/curl.yaml`, which names no namespace: applied with `-n curl`.
    package static let curl = """
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: curl
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: curl
        spec:
          replicas: 1
          selector:
            matchLabels:
              app: curl
          template:
            metadata:
              labels:
                app: curl
            spec:
              serviceAccountName: curl
              containers:
              - image: curlimages/curl
                imagePullPolicy: IfNotPresent
                name: curl
                command: ["sleep", "365d"]
        """

    /// The walkthrough's SMI policy, correctly indented: TCPRoute `tcp-echo-route` (port 9000)
    /// and TrafficTarget `tcp-access` (curl/curl → tcp-demo/tcp-echo).
    package static let smiPolicy = """
        # TCP route to allow access to tcp-echo:9000
        apiVersion: specs.smi-spec.io/v1alpha4
        kind: TCPRoute
        metadata:
          name: tcp-echo-route
          namespace: tcp-demo
        spec:
          matches:
            ports:
            - 9000
        ---
        # Traffic target to allow curl app to access tcp-echo service using a TCPRoute
        kind: TrafficTarget
        apiVersion: access.smi-spec.io/v1alpha3
        metadata:
          name: tcp-access
          namespace: tcp-demo
        spec:
          destination:
            kind: ServiceAccount
            name: tcp-echo
            namespace: tcp-demo
          sources:
          - kind: ServiceAccount
            name: curl
            namespace: curl
          rules:
          - kind: TCPRoute
            name: tcp-echo-route
        """
}
