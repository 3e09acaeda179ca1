import ArgumentParser
import Foundation
import MeshModel

/// Builds the cluster a command works on, or prints every manifest problem and exits 2.
/// All inputs are one apply: one bad document and nothing is applied.
enum ClusterLoader {
    struct Loaded {
        var cluster: Cluster
        var results: [ApplyResult]
        /// What the manifests were warned about (kinds MeshDeck skips, …).
        var warnings: [Diagnostic] = []
    }

    /// Everything wrong with one load; nothing was applied.
    struct Problems: Error {
        var errors: [Diagnostic]
        var warnings: [Diagnostic]
    }

    /// Loads and prints: warnings first, then, on failure, every error and exit 2.
    static func load(_ options: CommonOptions, console: Console = Console.current) throws -> Loaded {
        switch attempt(options, console: console) {
        case .success(let loaded):
            for warning in loaded.warnings { console.err(warning.description) }
            return loaded
        case .failure(let problems):
            for warning in problems.warnings { console.err(warning.description) }
            try fail(problems.errors, console: console)
        }
    }

    /// Loads without printing anything, for callers that report problems their own way
    /// (`validate -o json`, completions).
    static func attempt(_ options: CommonOptions, console: Console = Console.current) -> Result<Loaded, Problems> {
        var cluster = options.empty ? Cluster.empty() : Scenario.walkthrough()
        var decoder = ManifestDecoder(defaultNamespace: options.namespace)
        let progress = LoadProgressLine.forConsole(console)
        defer { progress?.finish() }
        if let progress {
            decoder.progress = { done, total in
                progress.show("reading manifests", fraction: total > 0 ? Double(done) / Double(total) : nil)
            }
        }
        // A limit variable that is not a limit stops here, before anything is read.
        let limits: ManifestLimits
        do throws(ManifestLimitsError) {
            limits = try ManifestLimits(environment: ProcessInfo.processInfo.environment)
        } catch {
            return .failure(Problems(errors: [Diagnostic(at: nil, error.description)], warnings: []))
        }
        // The process's own console reads descriptor 0 through the loader (bounded, and every
        // failure named); a test's console hands over its text.
        var standardInput: (() -> Data?)?
        if !console.isStandard { standardInput = console.readStandardInput }
        var decoded = ManifestLoader.load(
            options.files, decoder: decoder, limits: limits, readStandardInput: standardInput)
        for name in options.bundle {
            let bundle = Scenario.bundle(named: name)!
            let out = ManifestDecoder(defaultNamespace: bundle.namespace ?? options.namespace)
                .decode(bundle.yaml, file: "bundle:\(name)")
            decoded.resources += out.resources
            decoded.diagnostics += out.diagnostics
        }
        if !decoded.errors.isEmpty {
            return .failure(Problems(errors: decoded.errors, warnings: decoded.warnings))
        }
        let results: [ApplyResult]
        progress?.show("applying \(decoded.resources.count) resources")
        do {
            results = try cluster.apply(decoded.resources)
        } catch {
            return .failure(Problems(errors: error.diagnostics, warnings: decoded.warnings))
        }
        if let p = options.permissive { cluster.setPermissive(p.isOn) }
        if let e = options.egress { cluster.setEgress(e.isOn) }
        return .success(Loaded(cluster: cluster, results: results, warnings: decoded.warnings))
    }

    static func fail(_ errors: [Diagnostic], console: Console) throws -> Never {
        for e in errors { console.err(e.description) }
        console.err("error: \(errors.count) problem\(errors.count == 1 ? "" : "s") found; nothing was applied")
        throw ExitCode(2)
    }
}
