import MeshModel

/// The JSON contract of `validate -o json` (and the fields of `-o yaml`): whether the manifests
/// apply, what applying them would do, and every warning and error with where it is.
struct ValidationReport: Encodable {
    /// One resource the apply would change, as `kubectl apply` reports it.
    struct Applied: Encodable {
        var kind: String
        var name: String
        var namespace: String?
        /// `created`, `configured` or `unchanged`.
        var action: String
    }

    /// One problem, located as the text output locates it (`file:line:column`, field path).
    struct Problem: Encodable {
        var severity: String
        var file: String?
        var line: Int?
        var column: Int?
        var field: String?
        var message: String
        var hint: String?

        init(_ d: Diagnostic) {
            severity = d.severity.rawValue
            file = d.location?.file
            line = d.location.flatMap { $0.line > 0 ? $0.line : nil }
            column = d.location.flatMap { $0.line > 0 ? $0.column : nil }
            field = d.fieldPath.flatMap { $0.isEmpty ? nil : $0 }
            message = d.message
            hint = d.hint
        }
    }

    var valid: Bool
    var resources: [Applied]
    var warnings: [Problem]
    var errors: [Problem]

    init(_ outcome: Result<ClusterLoader.Loaded, ClusterLoader.Problems>) {
        switch outcome {
        case .success(let loaded):
            valid = true
            resources = loaded.results.map {
                Applied(
                    kind: $0.kind.rawValue, name: $0.key.name, namespace: $0.key.namespace.isEmpty ? nil : $0.key.namespace,
                    action: $0.action.rawValue)
            }
            warnings = (loaded.warnings + Validate.ignoredTargets(loaded)).map(Problem.init)
            errors = []
        case .failure(let problems):
            valid = false
            resources = []
            warnings = problems.warnings.map(Problem.init)
            errors = problems.errors.map(Problem.init)
        }
    }
}
