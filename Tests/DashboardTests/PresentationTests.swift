import Foundation
import Testing

@testable import Dashboard
@testable import TerminalUI

/// `z`: for a projector, the last verdict large (block letters and the word's glyph, never colour
/// alone), its reason and fix whole, the log below; Esc or z goes back.
@Suite struct PresentationLayoutTests {
    @Test func theLastVerdictIsLargeWithItsReasonAndFixWholeAt80x24() async throws {
        var d = try ScreenDriver(width: 80, height: 24)
        try await d.keys("EpEz")
        let text = d.text
        #expect(text.contains("Last probe") && text.contains("curl/curl → tcp-echo.tcp-demo:9000  hello"), "\(text)")
        #expect(d.lines.filter { $0.contains("█") }.count == 5, "block letters, five rows:\n\(text)")
        let squeezed = PopupReading.squeezed(text)
        #expect(squeezed.contains(PopupReading.squeezed(PopupTests.fix)), "the fix whole:\n\(text)")
        #expect(squeezed.contains(PopupReading.squeezed("reason: SMI mode (permissive off)")))
        #expect(text.contains("Probe log (4)") && text.contains("✘ DENIED"), "the log below")
        #expect(!text.contains("Namespaces"), "the panes give way")
        // The next probe replaces it; Esc goes back.
        try await d.keys("pE")
        #expect(!d.text.contains("fix:"), "an allowed probe has no fix:\n\(d.text)")
        try await d.keys("X")
        #expect(!d.state.presentation && d.text.contains("Namespaces"))
    }

    @Test func inASCIITheLettersAreHashes() async throws {
        var d = try ScreenDriver(width: 100, height: 30)
        d.ascii = true
        d.state.ascii = true
        try await d.keys("Ez")
        #expect(d.lines.contains { $0.contains("#####") }, "\(d.text)")
        #expect(!d.text.unicodeScalars.contains { $0.value > 0x7E }, "\(d.text)")
    }
}
