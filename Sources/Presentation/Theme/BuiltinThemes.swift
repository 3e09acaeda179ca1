/// The themes shipped in themes/, compiled in so the dashboard needs no files. A test keeps
/// these identical to the files, which users copy and edit.
public enum BuiltinThemes {
    public static let all: [(name: String, yaml: String)] = [
        (
            "default",
            #"""
            # MeshDeck theme "default": The terminal's own background and colours: green allowed, red denied, yellow permissive.
            # A subset of the k9s skin format (see themes/README.md for what colours what).
            foreground: &foreground default
            background: &background default
            k9s:
              body:
                fgColor: *foreground
                bgColor: *background
              frame:
                border:
                  fgColor: cyan
                menu:
                  fgColor: default
                title:
                  fgColor: cyan
                status:
                  addColor: green
                  errorColor: red
                  modifyColor: yellow
                  highlightColor: default
                  completedColor: darkgray
              views:
                table:
                  cursorColor: darkgray
                  header:
                    fgColor: default
                logs:
                  fgColor: default
            """#
        ),
        (
            "light",
            #"""
            # MeshDeck theme "light": Dark colours for a light background.
            # A subset of the k9s skin format (see themes/README.md for what colours what).
            foreground: &foreground black
            background: &background default
            k9s:
              body:
                fgColor: *foreground
                bgColor: *background
              frame:
                border:
                  fgColor: navy
                menu:
                  fgColor: black
                title:
                  fgColor: navy
                status:
                  addColor: darkgreen
                  errorColor: darkred
                  modifyColor: #af5f00
                  highlightColor: purple
                  completedColor: #6c6c6c
              views:
                table:
                  cursorColor: lightgray
                  header:
                    fgColor: navy
                logs:
                  fgColor: black
            """#
        ),
        (
            "high-contrast",
            #"""
            # MeshDeck theme "high-contrast": Bright colours on the terminal's background, for projectors.
            # A subset of the k9s skin format (see themes/README.md for what colours what).
            foreground: &foreground white
            background: &background default
            k9s:
              body:
                fgColor: *foreground
                bgColor: *background
              frame:
                border:
                  fgColor: white
                menu:
                  fgColor: white
                title:
                  fgColor: lightyellow
                status:
                  addColor: lightgreen
                  errorColor: lightred
                  modifyColor: lightyellow
                  highlightColor: lightcyan
                  completedColor: silver
              views:
                table:
                  cursorColor: blue
                  header:
                    fgColor: lightyellow
                logs:
                  fgColor: white
            """#
        ),
        (
            "deuteranopia",
            #"""
            # MeshDeck theme "deuteranopia": No red/green pair carries meaning: blue allowed, orange denied.
            # A subset of the k9s skin format (see themes/README.md for what colours what).
            foreground: &foreground default
            background: &background default
            k9s:
              body:
                fgColor: *foreground
                bgColor: *background
              frame:
                border:
                  fgColor: #5f87af
                menu:
                  fgColor: default
                title:
                  fgColor: #5f87af
                status:
                  addColor: dodgerblue
                  errorColor: orange
                  modifyColor: gold
                  highlightColor: default
                  completedColor: darkgray
              views:
                table:
                  cursorColor: darkgray
                  header:
                    fgColor: default
                logs:
                  fgColor: default
            """#
        ),
        (
            "monochrome",
            #"""
            # MeshDeck theme "monochrome": No colour at all: bold, reverse video, glyphs and words carry the meaning.
            # A subset of the k9s skin format (see themes/README.md for what colours what).
            foreground: &foreground default
            background: &background default
            k9s:
              body:
                fgColor: *foreground
                bgColor: *background
              frame:
                border:
                  fgColor: default
                menu:
                  fgColor: default
                title:
                  fgColor: default
                status:
                  addColor: default
                  errorColor: default
                  modifyColor: default
                  highlightColor: default
                  completedColor: default
              views:
                table:
                  cursorColor: default
                  header:
                    fgColor: default
                logs:
                  fgColor: default
            """#
        ),
    ]
}
