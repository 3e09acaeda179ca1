import ConnectionEngine
import MeshModel

/// Everything that can change the state: keys, and results coming back from the engine.
public enum Action: Sendable {
    case key(Key)
    case probeFinished(ProbeResult)
    case probeFailed(String)
    /// The data plane now runs this cluster (or failed to, with a message).
    case engineUpdated(error: String?)
}

/// Work the reducer asks for; the app loop runs it and feeds the results back as actions.
public enum Effect: Sendable, Equatable {
    case probe(from: String, to: String, message: String)
    /// Bring the data plane in step with the state's cluster.
    case updateEngine
    /// Colour the terminal with this palette (done on the UI thread).
    case applyTheme(Palette)
}
