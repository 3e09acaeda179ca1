/// The few symbols the views use, in UTF-8 or ASCII (when the locale is not UTF-8).
public struct Glyphs: Sendable {
    public var allowed: String
    public var denied: String
    public var arrow: String
    public var selected: String

    public static let unicode = Glyphs(allowed: "✔", denied: "✘", arrow: "→", selected: "▸")
    public static let ascii = Glyphs(allowed: "+", denied: "x", arrow: "->", selected: ">")
}
