/// Values as a row of bars, scaled between the smallest and the largest shown. Eight block
/// heights in UTF-8; in ASCII, five characters that still read low to high.
package enum Sparkline {
    static let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    static let ascii: [Character] = ["_", ".", "-", "=", "#"]

    /// The newest `width` values, newest on the right.
    package static func render(_ values: [Double], width: Int, ascii: Bool) -> String {
        let shown = values.suffix(max(0, width))
        guard let low = shown.min(), let high = shown.max() else { return "" }
        let glyphs = ascii ? Self.ascii : blocks
        let span = high - low
        return String(
            shown.map { v -> Character in
                guard span > 0 else { return glyphs[glyphs.count / 2] }
                let level = Int(((v - low) / span * Double(glyphs.count - 1)).rounded())
                return glyphs[min(max(level, 0), glyphs.count - 1)]
            })
    }
}
