/// The few symbols the views use, in UTF-8 or ASCII (when the locale is not UTF-8).
public struct Glyphs: Sendable {
    public var allowed: String
    public var denied: String
    public var arrow: String
    public var selected: String

    public static let unicode = Glyphs(allowed: "✔", denied: "✘", arrow: "→", selected: "▸")
    public static let ascii = Glyphs(allowed: "+", denied: "x", arrow: "->", selected: ">")
}

/// What every view gets: where to draw and how.
public struct RenderContext: Sendable {
    public var ascii: Bool
    public var glyphs: Glyphs { ascii ? .ascii : .unicode }

    public init(ascii: Bool) {
        self.ascii = ascii
    }

    /// The dashboard's words for `state`'s language, in English where Chinese cannot be shown.
    func text(_ state: AppState) -> UIText { UIText.for(state.language, ascii: ascii) }
}
