import Foundation
import MeshDeckCLI

exit(MeshDeckCommand.run(Array(CommandLine.arguments.dropFirst())))
