extension Diagnostic {
    /// A YAML syntax error (from Yams) as a diagnostic with the hints manifests get: the field
    /// path read off the indentation, and what to do. For other YAML files MeshDeck reads, such
    /// as the walkthrough's.
    package static func yamlSyntax(_ error: Error, file: String, text: String) -> Diagnostic {
        YAMLSyntaxHints.diagnostic(for: error, reader: DocumentReader(file: file, text: text))
    }
}
