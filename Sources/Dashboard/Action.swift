import DataPlaneInterface
import MeshModel
import Presentation
import TerminalUI

/// Everything that can change the state: keys, and results coming back from the engine and
/// the disk.
package enum Action: Sendable {
    case key(Key)
    /// The terminal's size: at the start and after every resize.
    case resized(width: Int, height: Int)
    /// `:save` wrote its file (nil) or could not (the error).
    case fileSaved(path: String, error: String?)
    /// A second went by (sent while the service map shows rates over the last 10 s).
    case tick
    case probeFinished(ProbeResult)
    case probeFailed(String)
    /// The data plane now runs this cluster (or failed to, with a message).
    case engineUpdated(error: String?)
    /// The data plane stopped an idle pod to stay under its bound of running pods (it starts
    /// again when a connection needs it).
    case podEvicted(pod: ObjectKey, idleSeconds: Double, running: Int, bound: Int)
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
    /// What a `:cert` fault did, in the dashboard's words, or why it failed.
    case certificateFault(CertificateFault)
    /// The data plane's CA renewed or replaced a certificate (`certificateChanged` event).
    case certificateChanged(identity: String, change: String)
}

/// The outcome of a `:cert` command.
package enum CertificateFault: Sendable, Equatable {
    case expired(identity: String)
    case rootRotated(closedTunnels: Int)
    case failed(String)
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
    /// Put text on the terminal's clipboard (OSC 52).
    case copy(String)
    /// Write the log to a file (`:save`); the outcome comes back as `fileSaved`.
    case saveFile(path: String, contents: String)
    /// Faults of the mesh CA (`:cert`); the outcome comes back as `certificateFault`.
    case expireCertificate(workload: String)
    case rotateRoot
}
