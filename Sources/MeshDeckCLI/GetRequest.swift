import ArgumentParser
import MeshModel
import Presentation

/// What one `meshdeck get` asks for, read as kubectl reads its arguments: `KINDS [NAME...]`
/// (`svc,deploy tcp-echo`) or `KIND/NAME...` (`svc/tcp-echo deploy/curl`).
struct GetRequest: Equatable {
    struct Part: Equatable {
        var kind: Listable
        /// nil: every object of the kind in scope.
        var names: [String]?
    }

    var parts: [Part]

    /// One object asked for by name: kubectl prints it alone, not in a List.
    var isOneNamedObject: Bool { parts.count == 1 && parts[0].names?.count == 1 }
    var hasNames: Bool { parts.contains { $0.names != nil } }

    static let kindsHelp = "ns, svc, po, sa, deploy, meshconfig, tcproute, httproutegroup, traffictarget or all"

    /// nil when no arguments were given (the overview).
    static func parse(_ arguments: [String]) throws -> GetRequest? {
        guard let first = arguments.first else { return nil }
        if first.contains("/") {
            var parts: [Part] = []
            for argument in arguments {
                let pieces = argument.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                guard pieces.count == 2, !pieces[1].isEmpty, !pieces[0].contains(","), let kinds = Listable.parse(pieces[0]),
                    kinds.count == 1
                else {
                    throw ValidationError(
                        "'\(argument.terminalSafe)' is not KIND/NAME; when one argument is KIND/NAME, all must be (KIND: \(kindsHelp))"
                    )
                }
                if let index = parts.firstIndex(where: { $0.kind == kinds[0] }) {
                    parts[index].names?.append(pieces[1])
                } else {
                    parts.append(Part(kind: kinds[0], names: [pieces[1]]))
                }
            }
            return GetRequest(parts: parts)
        }
        guard let kinds = Listable.parse(first) else {
            throw ValidationError("unknown resource type in '\(first.terminalSafe)'; use \(kindsHelp)")
        }
        let names = Array(arguments.dropFirst())
        if let slashed = names.first(where: { $0.contains("/") }) {
            throw ValidationError(
                "'\(slashed.terminalSafe)': there is no need to name a kind when it is given first ('get \(first.terminalSafe) NAME')"
            )
        }
        return GetRequest(parts: kinds.map { Part(kind: $0, names: names.isEmpty ? nil : names) })
    }
}
