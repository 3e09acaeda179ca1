import Foundation
import MeshDeckCLI

exit(await MeshDeckCommand.run(Array(CommandLine.arguments.dropFirst())))
