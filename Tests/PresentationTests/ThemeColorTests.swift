import Testing

@testable import Presentation

/// Colour names as a k9s skin writes them: every W3C name k9s (through tcell) accepts is a
/// colour here too, and lands on the 256-colour entry nearest to what the W3C says it is.
@Suite struct ThemeColorTests {
    /// The W3C list (CSS Color Module Level 4, "Named Colors"), typed here apart from the table
    /// so that a name missing from it is caught.
    static let w3cNames = """
        aliceblue antiquewhite aqua aquamarine azure beige bisque black blanchedalmond blue blueviolet brown burlywood
        cadetblue chartreuse chocolate coral cornflowerblue cornsilk crimson cyan darkblue darkcyan darkgoldenrod darkgray
        darkgreen darkgrey darkkhaki darkmagenta darkolivegreen darkorange darkorchid darkred darksalmon darkseagreen
        darkslateblue darkslategray darkslategrey darkturquoise darkviolet deeppink deepskyblue dimgray dimgrey dodgerblue
        firebrick floralwhite forestgreen fuchsia gainsboro ghostwhite gold goldenrod gray green greenyellow grey honeydew
        hotpink indianred indigo ivory khaki lavender lavenderblush lawngreen lemonchiffon lightblue lightcoral lightcyan
        lightgoldenrodyellow lightgray lightgreen lightgrey lightpink lightsalmon lightseagreen lightskyblue lightslategray
        lightslategrey lightsteelblue lightyellow lime limegreen linen magenta maroon mediumaquamarine mediumblue
        mediumorchid mediumpurple mediumseagreen mediumslateblue mediumspringgreen mediumturquoise mediumvioletred
        midnightblue mintcream mistyrose moccasin navajowhite navy oldlace olive olivedrab orange orangered orchid
        palegoldenrod palegreen paleturquoise palevioletred papayawhip peachpuff peru pink plum powderblue purple
        rebeccapurple red rosybrown royalblue saddlebrown salmon sandybrown seagreen seashell sienna silver skyblue
        slateblue slategray slategrey snow springgreen steelblue tan teal thistle tomato turquoise violet wheat white
        whitesmoke yellow yellowgreen
        """.split(whereSeparator: \.isWhitespace).map(String.init)

    /// xterm's RGB for entries 16–255: the 6x6x6 cube, then 24 greys.
    static func xterm(_ index: Int) -> (Int, Int, Int) {
        if index >= 232 { return (8 + 10 * (index - 232), 8 + 10 * (index - 232), 8 + 10 * (index - 232)) }
        let levels = [0, 95, 135, 175, 215, 255], i = index - 16
        return (levels[i / 36], levels[i / 6 % 6], levels[i % 6])
    }

    static func distance(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Int {
        (a.0 - b.0) * (a.0 - b.0) + (a.1 - b.1) * (a.1 - b.1) + (a.2 - b.2) * (a.2 - b.2)
    }

    @Test func everyW3CNameIsAColour() {
        #expect(Self.w3cNames.count == 148)  // CSS3's 147 and rebeccapurple
        #expect(Set(ThemeColorNames.rgb.keys) == Set(Self.w3cNames))
        for name in Self.w3cNames {
            #expect(ThemeColor.parse(name) != nil, "\(name) is not a colour")
        }
        // As written in skins: any case, and k9s's names for the terminal's own colour.
        #expect(ThemeColor.parse("DarkSlateGray") == ThemeColor.parse("darkslategray"))
        #expect(ThemeColor.parse("default") == -1 && ThemeColor.parse("-") == -1)
        // Not W3C names, so not colours: a typo is reported, never silently the default.
        for wrong in ["greenish", "lightred", "darkyellow", "#12345", "#gggggg", "256"] {
            #expect(ThemeColor.parse(wrong) == nil, "\(wrong) taken for a colour")
        }
    }

    @Test func namesHaveTheW3CValues() {
        // Spot checks against the W3C table.
        let spec: [String: Int] = [
            "darkslategray": 0x2F4F4F, "powderblue": 0xB0E0E6, "rebeccapurple": 0x663399, "cornflowerblue": 0x6495ED,
            "papayawhip": 0xFFEFD5, "darkgray": 0xA9A9A9, "lightgoldenrodyellow": 0xFAFAD2, "mediumspringgreen": 0x00FA9A,
            "navajowhite": 0xFFDEAD, "olivedrab": 0x6B8E23, "aqua": 0x00FFFF, "maroon": 0x800000,
        ]
        for (name, rgb) in spec {
            #expect(ThemeColorNames.rgb[name] == rgb, "\(name)")
        }
        // Aliases agree.
        for (a, b) in [("gray", "grey"), ("darkslategray", "darkslategrey"), ("aqua", "cyan"), ("fuchsia", "magenta")] {
            #expect(ThemeColorNames.rgb[a] == ThemeColorNames.rgb[b], "\(a) and \(b)")
        }
    }

    @Test func theBasicSixteenAreTheTerminalsOwnAsInTcell() {
        let basic = [
            "black", "maroon", "green", "olive", "navy", "purple", "teal", "silver", "gray", "red", "lime", "yellow", "blue",
            "fuchsia", "aqua", "white",
        ]
        #expect(basic.map { ThemeColor.parse($0) } == (0..<16).map { Int16($0) })
        #expect(ThemeColor.parse("grey") == 8 && ThemeColor.parse("cyan") == 14 && ThemeColor.parse("magenta") == 13)
    }

    @Test func everyOtherNameLandsOnTheNearest256ColourEntry() throws {
        for name in Self.w3cNames where ThemeColorNames.basic[name] == nil {
            let index = try #require(ThemeColor.parse(name).map(Int.init), "\(name)")
            let rgb = try #require(ThemeColorNames.rgb[name])
            let target = ((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF)
            #expect((16...255).contains(index), "\(name) -> \(index)")
            let best = (16...255).map { Self.distance(Self.xterm($0), target) }.min()!
            #expect(Self.distance(Self.xterm(index), target) == best, "\(name) -> \(index) is not the nearest")
        }
        // The two that k9s's stock skins in-the-navy and black-and-wtf use.
        #expect(ThemeColor.parse("darkslategray") == 238)  // #444444
        #expect(ThemeColor.parse("powderblue") == 152)  // #afd7d7
        // darkgray is lighter than gray in the W3C list.
        #expect(ThemeColor.parse("darkgray") == 248)
    }

    @Test func aSkinUsingTheStockSkinsNamesLoads() throws {
        // The lines of in-the-navy.yaml and black-and-wtf.yaml that were refused.
        let skin = """
            powder: &powder powderblue
            dslate: &dslate darkslategray
            k9s:
              frame:
                status:
                  modifyColor: *powder
                  highlightColor: *dslate
            """
        let theme = try ThemeLoader.load(skin, name: "navy", file: "in-the-navy.yaml")
        #expect(theme.palette.pairs[.warning]?.foreground == 152)
        #expect(theme.palette.pairs[.status]?.foreground == 238)
    }
}
