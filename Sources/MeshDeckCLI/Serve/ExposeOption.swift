import ArgumentParser
import MeshModel
import PolicyEngine

/// One `--expose FROM=HOST:PORT[@LOCAL]`: a loopback port that behaves like `nc HOST PORT` run
/// inside FROM. `@LOCAL` fixes the local port (else the kernel picks one, printed at start).
struct ExposeOption: Sendable, Equatable {
    var from: String
    var to: String
    var localPort: Int

    /// Parses the option's value; the error names the option and what is wrong.
    init(_ text: String) throws {
        guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
            throw ValidationError(
                "--expose '\(text.terminalSafe)': expected FROM=HOST:PORT[@LOCALPORT], e.g. curl/curl=tcp-echo.tcp-demo:9000")
        }
        from = String(text[..<equals])
        var rest = String(text[text.index(after: equals)...])
        localPort = 0
        if let at = rest.lastIndex(of: "@") {
            let port = String(rest[rest.index(after: at)...])
            guard let n = Int(port), (1...65535).contains(n) else {
                throw ValidationError("--expose '\(text.terminalSafe)': local port '\(port.terminalSafe)' is not 1-65535")
            }
            localPort = n
            rest = String(rest[..<at])
        }
        to = rest
        guard from.split(separator: "/", omittingEmptySubsequences: false).count >= 2 else {
            throw ValidationError("--expose '\(text.terminalSafe)': FROM '\(from.terminalSafe)' is not NS/WORKLOAD or NS/POD")
        }
        do { _ = try PolicyIndex.splitHostPort(to) } catch {
            throw ValidationError("--expose '\(text.terminalSafe)': \(error.description)")
        }
    }
}
