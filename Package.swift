// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "MeshDeck",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "meshdeck", targets: ["meshdeck"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-asn1", from: "1.7.4"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    ],
    targets: [
        // What a terminal does with text: which characters are safe to show (control characters
        // escaped) and how many columns each takes. The leaf every layer that prints builds on.
        .target(name: "TerminalText"),
        // Kubernetes and SMI resources, manifest decoding with line numbers, the cluster store.
        .target(name: "MeshModel", dependencies: ["Yams", "TerminalText"]),
        // OSM v1.2 traffic policy compiled into an index: decide(), explanations, the matrix.
        .target(name: "PolicyEngine", dependencies: ["MeshModel"]),
        // The mesh's certificate authority (OSM's Tresor): a root, a service certificate per
        // ServiceAccount with OSM v1.2's identity, validity and renewal. swift-certificates and
        // swift-crypto; nothing shells out to openssl, and no sockets.
        .target(
            name: "MeshCertificates",
            dependencies: [
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ]),
        // What the dashboard and the walkthrough see of a data plane: the MeshDataPlane protocol,
        // probe results, load reports, events. No SwiftNIO, so the UI does not depend on it.
        .target(
            name: "DataPlaneInterface",
            dependencies: ["MeshModel", "PolicyEngine", .product(name: "Histogram", package: "hdrhistogram-swift")]),
        // The SwiftNIO data plane: echo apps, sidecars that ask PolicyEngine, probes, load runs.
        // The only target that opens sockets.
        .target(
            name: "ConnectionEngine",
            dependencies: [
                "MeshModel", "PolicyEngine", "DataPlaneInterface", "MeshCertificates",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "X509", package: "swift-certificates"),
            ]),
        // ncursesw for Swift: a module map and a shim header (wide functions, attribute macros,
        // a crash handler that restores the terminal).
        .systemLibrary(name: "CNCurses", path: "Sources/CNCurses"),
        // The terminal-UI core: cells, the Canvas views draw into, styles, keys, text width and
        // wrapping, a Rect/split layout, small widgets (sparkline, line editor, history) and the
        // TerminalBackend protocol. No SwiftNIO and no mesh words.
        .target(name: "TerminalUI", dependencies: ["TerminalText"]),
        // What the CLI and the dashboard share: kubectl-shaped tables, the kubectl/osm voice of
        // each cluster command, the guided walkthrough (its steps are data: one YAML file per
        // language), asciicast recording, and k9s-skin themes.
        .target(
            name: "Presentation",
            dependencies: ["MeshModel", "PolicyEngine", "DataPlaneInterface", "TerminalUI", "Yams"],
            // The walkthrough files are compiled in (BuiltinWalkthroughs.swift), not a resource bundle,
            // so a meshdeck binary copied alone still has them; the YAML stays here to be edited.
            exclude: ["Resources/walkthrough"]),
        // App state, actions, reducer and views drawn into a Canvas: no terminal needed. Talks to
        // the data plane through DataPlaneInterface's MeshDataPlane, so it does not link SwiftNIO.
        .target(
            name: "Dashboard",
            dependencies: [
                "MeshModel", "PolicyEngine", "DataPlaneInterface", "TerminalUI", "Presentation", "MeshCertificates",
            ]),
        // The only code that calls ncurses.
        .target(name: "NCursesTerminal", dependencies: ["CNCurses", "TerminalUI"]),
        // The commands, as a library so tests can drive them without spawning a process.
        .target(
            name: "MeshDeckCLI",
            dependencies: [
                "MeshModel", "PolicyEngine", "DataPlaneInterface", "ConnectionEngine", "TerminalUI", "Presentation",
                "Dashboard", "NCursesTerminal", "MeshCertificates",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .executableTarget(name: "meshdeck", dependencies: ["MeshDeckCLI"]),
        // `swift run -c release meshdeck-bench`: printed numbers, never a timed test.
        .executableTarget(
            name: "meshdeck-bench",
            dependencies: [
                "MeshModel", "PolicyEngine", "DataPlaneInterface", "ConnectionEngine", "TerminalUI", "Presentation",
                "Dashboard", "MeshDeckTestSupport", "MeshCertificates",
                .product(name: "NIOCore", package: "swift-nio"),
            ]),
        // Fixtures and manifest builders shared by the test targets (and the benchmarks' mesh).
        .target(
            name: "MeshDeckTestSupport", dependencies: ["MeshModel", "PolicyEngine", "DataPlaneInterface"], path: "Tests/Support"),
        .testTarget(name: "MeshModelTests", dependencies: ["MeshModel", "MeshDeckTestSupport"]),
        .testTarget(name: "PolicyEngineTests", dependencies: ["MeshModel", "PolicyEngine", "MeshDeckTestSupport"]),
        // Certificates are checked with swift-certificates' own verifier and with openssl.
        .testTarget(
            name: "MeshCertificatesTests",
            dependencies: [
                "MeshCertificates", .product(name: "X509", package: "swift-certificates"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Subprocess", package: "swift-subprocess"),
            ]),
        .testTarget(
            name: "ConnectionEngineTests",
            dependencies: [
                "MeshModel", "PolicyEngine", "DataPlaneInterface", "ConnectionEngine", "MeshDeckTestSupport",
                "MeshCertificates",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Subprocess", package: "swift-subprocess"),
            ]),
        // Subprocess: TextWidth is checked against Python's wcwidth, code point by code point.
        .testTarget(
            name: "TerminalUITests",
            dependencies: ["TerminalUI", "TerminalText", .product(name: "Subprocess", package: "swift-subprocess")]),
        .testTarget(
            name: "PresentationTests",
            dependencies: [
                "Presentation", "TerminalUI", "MeshModel", "PolicyEngine", "DataPlaneInterface", "ConnectionEngine",
                "MeshDeckTestSupport",
            ]),
        // Reducer, views and run-loop tests use an in-memory data plane; only the end-to-end
        // tests start the real one.
        .testTarget(
            name: "DashboardTests",
            dependencies: [
                "Dashboard", "TerminalUI", "Presentation", "MeshModel", "PolicyEngine", "DataPlaneInterface",
                "ConnectionEngine", "MeshDeckTestSupport",
            ],
            // Whole-screen frames the golden tests read (regenerated, never compiled).
            exclude: ["Golden"]),
        .testTarget(name: "NCursesTerminalTests", dependencies: ["NCursesTerminal", "TerminalUI", "CNCurses"]),
        // Yams: the export tests read the exported YAML back as a tree to check it against CRDs.
        // Subprocess: every process the tests start (Spawn.swift).
        .testTarget(
            name: "MeshDeckCLITests",
            dependencies: [
                "MeshDeckCLI", "meshdeck", "MeshDeckTestSupport", "Yams",
                .product(name: "Subprocess", package: "swift-subprocess"),
            ]),
        // Attack clients against the data plane (streaming, peers that never read, trickles,
        // stream and window floods, garbage, half-closed tunnels, running out of descriptors),
        // each asserting what the engine holds and that probes on the side still answer. Small
        // sizes here, seconds each; scripts/soak.sh runs them at full size (MESHDECK_SOAK=1).
        // meshdeck-bench: the descriptor test floods a `serve` child under a low ulimit.
        .testTarget(
            name: "AbuseTests",
            dependencies: [
                "ConnectionEngine", "DataPlaneInterface", "MeshModel", "MeshDeckTestSupport", "meshdeck-bench",
                "MeshCertificates",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Subprocess", package: "swift-subprocess"),
            ]),
        // The rules of the house that no compiler checks: formatting, layering, what each target
        // may import. They read the sources, so they fail the run when the code drifts.
        .testTarget(
            name: "HouseRulesTests",
            dependencies: [
                .product(name: "Subprocess", package: "swift-subprocess")
            ]),
    ],
    swiftLanguageModes: [.v6]
)
