import Foundation

/// One directory's entries, for path completion. The reducer never reads the disk: Tab on a
/// path asks for a listing (`Effect.listDirectory`), the app reads it (`read`) and hands it back
/// (`Action.directoryListed`), and completion finishes with it.
package struct DirectoryListing: Sendable, Equatable {
    package struct Entry: Sendable, Equatable {
        var name: String
        var isDirectory: Bool
        init(name: String, isDirectory: Bool) {
            self.name = name
            self.isDirectory = isDirectory
        }
    }
    /// As typed: `""` for the working directory, else ending in `/` (`manifests/`).
    var directory: String
    var entries: [Entry]

    init(directory: String, entries: [Entry]) {
        self.directory = directory
        self.entries = entries
    }

    /// Reads `directory` from the disk, sorted by name (an unreadable one lists nothing).
    static func read(_ directory: String) -> DirectoryListing {
        let fm = FileManager.default
        let path = directory.isEmpty ? "." : directory
        let names = (try? fm.contentsOfDirectory(atPath: path)) ?? []
        return DirectoryListing(
            directory: directory,
            entries: names.sorted().map { name in
                var isDirectory: ObjCBool = false
                // A name that vanished since the listing is offered as a file; `:apply` reports it.
                let exists = fm.fileExists(atPath: path + "/" + name, isDirectory: &isDirectory)
                return Entry(name: name, isDirectory: exists && isDirectory.boolValue)
            })
    }
}
