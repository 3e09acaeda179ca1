import ArgumentParser

struct CompletionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "completion",
        abstract: "Print the shell completion script for bash, zsh or fish.",
        usage: "meshdeck completion bash|zsh|fish",
        discussion: """
            The script completes commands and options, -f with manifests (*.yaml, *.yml, *.json) and folders, --theme with the shipped themes, and --from and --to with the workloads and service ports of the cluster that the line's own -f and --empty would load.

            Options complete after the command's name ('meshdeck dashboard --theme <TAB>', 'meshdeck explain -f state.yaml --from <TAB>'): the scripts ArgumentParser generates do not know that the dashboard is the default command or that the common options may come first.

            Examples:
              source <(meshdeck completion bash)               # bash, this shell
              meshdeck completion zsh > "${fpath[1]}/_meshdeck"   # zsh
              meshdeck completion fish \\
                  > ~/.config/fish/completions/meshdeck.fish     # fish
            """)

    @Argument(help: ArgumentHelp("The shell.", valueName: "bash|zsh|fish"), completion: .list(["bash", "zsh", "fish"]))
    var shell: String

    func validate() throws {
        guard CompletionShell(rawValue: shell) != nil else {
            throw ValidationError("'\(shell.terminalSafe)' is not bash, zsh or fish")
        }
    }

    func run() {
        // ArgumentParser generates it from the command tree, as --generate-completion-script does.
        let script = MeshDeckCommand.completionScript(for: CompletionShell(rawValue: shell)!)
        Console.current.out(script.hasSuffix("\n") ? String(script.dropLast()) : script)
    }
}
