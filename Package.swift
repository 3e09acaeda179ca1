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
    ],
    targets: [
        // Kubernetes and SMI resources, manifest decoding with line numbers, the cluster store.
        .target(name: "MeshModel", dependencies: ["Yams"]),
        // OSM v1.2 traffic policy compiled into an index: decide(), explanations, the matrix.
        .target(name: "PolicyEngine", dependencies: ["MeshModel"]),
        // The SwiftNIO data plane: echo apps, sidecars that ask PolicyEngine, probes, load runs.
        // The only target that opens sockets.
        // What the dashboard and the walkthrough see of a data plane: the MeshDataPlane protocol,
        // probe results, load reports, events. No SwiftNIO, so the UI does not depend on it.
        .target(name: "DataPlaneInterface", dependencies: ["MeshModel", "PolicyEngine"]),
        .target(
            name: "ConnectionEngine",
            dependencies: [
                "MeshModel", "PolicyEngine", "DataPlaneInterface",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]),
        // ncursesw for Swift: a module map and a shim header (wide functions, attribute macros,
        // a crash handler that restores the terminal).
        .systemLibrary(name: "CNCurses", path: "Sources/CNCurses"),
        // App state, actions, reducer and views drawn into a Canvas: no terminal needed. Also the
        // guided walkthrough (its steps are data: one YAML file per language, bundle resources)
        // and the asciicast writer, shared by `walkthrough --cast` and the dashboard.
        .target(
            name: "Dashboard",
            dependencies: [
                "MeshModel", "PolicyEngine", "DataPlaneInterface", "Yams",
            ], resources: [.copy("Resources/walkthrough")]),
        // The only code that calls ncurses.
        .target(name: "NCursesTerminal", dependencies: ["CNCurses", "Dashboard"]),
        // The commands, as a library so tests can drive them without spawning a process.
        .target(
            name: "MeshDeckCLI",
            dependencies: [
                "MeshModel", "PolicyEngine", "DataPlaneInterface", "ConnectionEngine", "Dashboard", "NCursesTerminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .executableTarget(name: "meshdeck", dependencies: ["MeshDeckCLI"]),
        // `swift run -c release meshdeck-bench`: printed numbers, never a timed test.
        .executableTarget(
            name: "meshdeck-bench",
            dependencies: [
                "MeshModel", "PolicyEngine", "DataPlaneInterface", "ConnectionEngine", "Dashboard",
                .product(name: "NIOCore", package: "swift-nio"),
            ]),
        // Fixtures and manifest builders shared by the test targets.
        .target(name: "MeshDeckTestSupport", dependencies: ["MeshModel"], path: "Tests/Support"),
        .testTarget(name: "MeshModelTests", dependencies: ["MeshModel", "MeshDeckTestSupport"]),
        .testTarget(name: "PolicyEngineTests", dependencies: ["MeshModel", "PolicyEngine", "MeshDeckTestSupport"]),
        .testTarget(
            name: "ConnectionEngineTests",
            dependencies: [
                "MeshModel", "PolicyEngine", "DataPlaneInterface", "ConnectionEngine", "MeshDeckTestSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]),
        .testTarget(
            name: "DashboardTests",
            dependencies: [
                "Dashboard", "MeshModel", "PolicyEngine", "DataPlaneInterface", "ConnectionEngine", "MeshDeckTestSupport",
            ]),
        .testTarget(name: "NCursesTerminalTests", dependencies: ["NCursesTerminal", "Dashboard", "CNCurses"]),
        // Yams: the export tests read the exported YAML back as a tree to check it against CRDs.
        .testTarget(name: "MeshDeckCLITests", dependencies: ["MeshDeckCLI", "meshdeck", "MeshDeckTestSupport", "Yams"]),
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
