import ArgumentParser

/// ArgumentParser's error messages, worded the way kubectl words its own: `error: what`, then
/// where to read more. Its own form (`Error: …`, a `Help:` line and the whole usage synopsis)
/// wraps into an unreadable block at 80 columns and differs from every other error MeshDeck prints.
enum UsageErrorText {
    /// `message` is ArgumentParser's one-line message (`MeshDeckCommand.message(for:)`);
    /// `command` is the subcommand that was parsed, when there was one.
    static func render(_ message: String, command: String?) -> String {
        let help = command.map { "meshdeck \($0) --help" } ?? "meshdeck --help"
        return "error: \(lowercasedFirstWord(message))\nSee '\(help)' for usage."
    }

    /// "Unknown option" → "unknown option", but "TrafficTarget …" stays as it is.
    static func lowercasedFirstWord(_ message: String) -> String {
        let scalars = Array(message.unicodeScalars.prefix(2))
        guard scalars.count == 2, scalars[0].properties.isUppercase, scalars[1].properties.isLowercase else { return message }
        return message.prefix(1).lowercased() + message.dropFirst()
    }
}
