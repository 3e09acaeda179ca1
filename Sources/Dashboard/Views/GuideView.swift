/// The guided walkthrough beside the probe log: the step just performed (its expected and
/// actual result, ✔ or ✘), then the next one (what to type on a real cluster, what MeshDeck
/// does for it), then the keys.
enum GuideView {
    static func lines(_ state: AppState, width: Int, context: RenderContext) -> [(String, Style)] {
        guard let guide = state.guide else { return [] }
        let g = context.glyphs
        let total = guide.walkthrough.steps.count
        var out: [(String, Style)] = []
        func add(_ text: String, _ style: Style, indent: String = "") {
            for line in TextWrap.wrap(text, width: max(1, width - TextWidth.of(indent))) { out.append((indent + line, style)) }
        }
        if let last = guide.outcomes.last {
            let verdict = last.matches ? "\(g.allowed) as expected" : "\(g.denied) differs"
            add("\(last.index + 1). \(last.step.title)  \(verdict)", Style(last.matches ? .allowed : .denied, bold: true))
            add("expected:", Style(.muted))
            for line in last.step.expect.lines.prefix(6) { add(line, Style(.body), indent: "  ") }
            add("actual:", Style(.muted))
            for line in last.output.prefix(6) { add(line, Style(last.matches ? .allowed : .denied), indent: "  ") }
            if let mismatch = last.mismatch { add(mismatch, Style(.denied)) }
            out.append(("", Style(.body)))
        }
        if let request = guide.awaiting, let step = guide.currentStep {
            add("\(guide.currentIndex + 1). \(step.title)", Style(.title, bold: true))
            add("probing \(request.to) from \(request.from)…", Style(.muted))
        } else if let step = guide.currentStep {
            add("next: \(guide.currentIndex + 1)/\(total). \(step.title)", Style(.title, bold: true))
            add("$ \(step.command)", Style(.body, bold: true))
            if let heredoc = step.heredoc {
                let lines = heredoc.split(separator: "\n").count
                add("  … \(lines) lines of YAML, EOF", Style(.muted))
            }
            add(step.does, Style(.body))
            if let note = step.note { add(note, Style(.permissive)) }
            add("expect: " + step.expect.lines.prefix(2).joined(separator: " / "), Style(.muted))
        } else {
            add(guide.allMatch ? "\(g.allowed) all \(total) steps gave the guide's result" : "\(g.denied) some steps differed",
                Style(guide.allMatch ? .allowed : .denied, bold: true))
            add("w hides the guide; w again starts over", Style(.muted))
        }
        return out
    }
}
