import ArgumentParser

/// `-o FORMAT`, as kubectl users type it.
enum OutputFormat: String, CaseIterable, Sendable {
    case json, yaml, wide, name
}

/// The formats one command prints besides its own text: they decide its `-o` help, its
/// completions and which values it refuses.
protocol OutputFormats {
    static var formats: [OutputFormat] { get }
}

/// What explain, probe, load and matrix print: their JSON contract, or the same fields as YAML.
enum JSONOrYAML: OutputFormats {
    static let formats: [OutputFormat] = [.json, .yaml]
}

/// What validate prints: the JSON report, its YAML, or the names kubectl apply -o name prints.
/// What serve prints besides its tables: one JSON document per state (a line each).
enum JSONOnly: OutputFormats {
    static let formats: [OutputFormat] = [.json]
}

enum JSONYAMLOrName: OutputFormats {
    static let formats: [OutputFormat] = [.json, .yaml, .name]
}

/// What get prints, as kubectl get does.
enum EveryFormat: OutputFormats {
    static let formats = OutputFormat.allCases
}

/// `-o/--output FORMAT` (also `-oyaml` and `-o=yaml`, as kubectl takes them), and `--json`, kept as an alias of `-o json` (the flag came first and
/// scripts use it; its output is the same, byte for byte).
struct OutputOptions<Supported: OutputFormats>: ParsableArguments {
    @Option(
        name: [.customShort("o", allowingJoined: true), .customLong("output")],
        help: ArgumentHelp(
            "Print \(OptionValue.alternatives(Supported.formats.map(\.rawValue))) instead of text.", valueName: "FORMAT"),
        completion: .list(Supported.formats.map(\.rawValue)))
    var outputText: String?

    @Flag(help: "The same as -o json.")
    var json = false

    /// The format asked for (checked by `check(command:)`); nil for the command's own text.
    var format: OutputFormat? {
        if json { return .json }
        return outputText.flatMap(OutputFormat.init(rawValue:))
    }

    /// Refuses a format that does not exist, or that `command` does not print.
    func check(command: String) throws {
        guard let value = outputText else { return }
        let format = try OptionValue.choice(value, option: "-o", of: OutputFormat.self)
        if json, format != .json { throw ValidationError("use either --json or -o \(value), not both") }
        guard Supported.formats.contains(format) else {
            throw ValidationError(
                "\(command) does not support -o \(value) (use \(OptionValue.alternatives(Supported.formats.map(\.rawValue))))")
        }
    }
}
