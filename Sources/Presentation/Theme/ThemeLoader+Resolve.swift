import Foundation

extension ThemeLoader {
    /// `--theme NAME|PATH`, `MESHDECK_THEME`, `:theme NAME` and config.yaml's `theme:`.
    ///
    /// A PATH (it has a `/`, or ends in `.yaml` or `.yml`) is read as a file. A NAME is, in this
    /// order: a shipped theme; `$XDG_CONFIG_HOME/meshdeck/themes/NAME.yaml`; a k9s skin,
    /// `$XDG_CONFIG_HOME/k9s/skins/NAME.yaml` (see `ConfigDirectories`). A name found nowhere
    /// is an error that lists where it looked; a file that is found but broken is an error
    /// naming that file, line and key.
    package static func resolve(
        _ nameOrPath: String, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(ThemeError) -> Theme {
        let shipped = "no such theme or file; themes: \(BuiltinThemes.all.map(\.name).joined(separator: ", "))"
        if isPath(nameOrPath) {
            guard FileManager.default.fileExists(atPath: nameOrPath) else {
                throw ThemeError(file: nameOrPath, line: 0, key: "", message: shipped)
            }
            let name = ((nameOrPath as NSString).lastPathComponent as NSString).deletingPathExtension
            return try loadFile(nameOrPath, name: name)
        }
        if let builtin = BuiltinThemes.all.first(where: { $0.name == nameOrPath }) {
            return try load(builtin.yaml, name: builtin.name, file: "themes/\(builtin.name).yaml")
        }
        let candidates = ConfigDirectories(environment: environment).themeFiles(named: nameOrPath)
        if let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) {
            return try loadFile(found, name: nameOrPath)
        }
        let places =
            candidates.isEmpty
            ? " (and no config directory: neither XDG_CONFIG_HOME nor HOME is set)"
            : "; looked for " + candidates.joined(separator: ", ")
        throw ThemeError(file: nameOrPath, line: 0, key: "", message: shipped + places)
    }

    /// A name with a `/` or a YAML extension is taken for a file, as a shell user would mean it.
    static func isPath(_ text: String) -> Bool {
        text.contains("/") || text.hasSuffix(".yaml") || text.hasSuffix(".yml")
    }

    private static func loadFile(_ path: String, name: String) throws(ThemeError) -> Theme {
        try load(read(path), name: name, file: path)
    }

    /// A theme or config file's text; a file that is missing, unreadable or not text is an
    /// error naming it.
    static func read(_ path: String) throws(ThemeError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            let exists = FileManager.default.fileExists(atPath: path)
            throw ThemeError(file: path, line: 0, key: "", message: exists ? "cannot read the file" : "no such file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ThemeError(file: path, line: 0, key: "", message: "not UTF-8 text")
        }
        return text
    }
}
