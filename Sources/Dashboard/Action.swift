import DataPlaneInterface
import MeshModel
import Presentation
import TerminalUI

/// Everything that can change the state: keys, and results coming back from the engine and
/// the disk.
package enum Action: Sendable {
    case key(Key)
    case probeFinished(ProbeResult)
    case probeFailed(String)
    /// The data plane now runs this cluster (or failed to, with a message).
    case engineUpdated(error: String?)
    /// `:apply` read and decoded its path (nothing is applied yet).
    case manifestsRead(path: String, output: ManifestDecoder.Output)
    /// The directory Tab asked to list (`Effect.listDirectory`), read.
    case directoryListed(DirectoryListing)
    /// `:theme PATH` read a skin file, or could not.
    case themeRead(Result<Theme, ThemeError>)
    /// A running load's progress, once per tick.
    case loadTick(LoadProgress)
    /// The load ended (all probes done, or stopped with Esc).
    case loadFinished(LoadReport, cancelled: Bool)
    case loadFailed(String)
    /// The probe a walkthrough step sent came back (or could not be sent).
    case guideProbeFinished(ProbeResult)
    case guideProbeFailed(String)
}

/// Work the reducer asks for; the app loop runs it and feeds the results back as actions.
package enum Effect: Sendable, Equatable {
    case probe(from: String, to: String, message: String)
    /// Bring the data plane in step with the state's cluster.
    case updateEngine
    /// Colour the terminal with this palette (done on the UI thread).
    case applyTheme(Palette)
    /// Read and decode manifests from a file or directory, as `kubectl apply -f` would.
    case readManifests(path: String, namespace: String?)
    /// List a directory for path completion; the listing comes back as `directoryListed`.
    case listDirectory(String)
    /// Read a theme (skin) file.
    case readTheme(path: String)
    /// Run `count` probes of the current probe, `concurrency` at a time.
    case startLoad(from: String, to: String, message: String, count: Int, concurrency: Int)
    case cancelLoad
    /// The probe a walkthrough step performs; its result comes back as `guideProbeFinished`.
    case guideProbe(from: String, to: String, message: String)
    /// A moment worth finding in a recording (a walkthrough step, a mode flip, a policy
    /// change): an asciicast marker.
    case mark(String)
}
