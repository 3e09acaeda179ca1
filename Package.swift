// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "MeshDeck",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "meshdeck", targets: ["meshdeck"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // Kubernetes and SMI resources, manifest decoding with line numbers, the cluster store.
        .target(name: "MeshModel", dependencies: ["Yams"]),
        // OSM v1.2 traffic policy compiled into an index: decide(), explanations, the matrix.
        .target(name: "PolicyEngine", dependencies: ["MeshModel"]),
        // The commands, as a library so tests can drive them without spawning a process.
        .target(name: "MeshDeckCLI", dependencies: [
            "MeshModel", "PolicyEngine",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "meshdeck", dependencies: ["MeshDeckCLI"]),
        // `swift run -c release meshdeck-bench`: printed numbers, never a timed test.
        .executableTarget(name: "meshdeck-bench", dependencies: ["MeshModel", "PolicyEngine"]),
        .testTarget(name: "MeshModelTests", dependencies: ["MeshModel"]),
        .testTarget(name: "PolicyEngineTests", dependencies: ["MeshModel", "PolicyEngine"]),
        .testTarget(name: "MeshDeckCLITests", dependencies: ["MeshDeckCLI", "meshdeck"]),
    ],
    swiftLanguageModes: [.v6]
)
