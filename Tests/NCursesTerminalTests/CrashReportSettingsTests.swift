import Foundation
import Testing

@testable import NCursesTerminal

/// What the dashboard asks of the Swift runtime's crash reporter, and where it says the report
/// went. (The re-exec itself, and the report, are checked in a real terminal by
/// SignalRestoreTmuxTests.)
@Suite struct CrashReportSettingsTests {
    @Test func reportsGoUnderTheStateDirectory() {
        #expect(
            CrashReportSettings.reportDirectory(environment: ["XDG_STATE_HOME": "/s", "HOME": "/h"]) == "/s/meshdeck/crashes")
        #expect(CrashReportSettings.reportDirectory(environment: ["HOME": "/h"]) == "/h/.local/state/meshdeck/crashes")
        // XDG says a relative path is to be ignored.
        #expect(
            CrashReportSettings.reportDirectory(environment: ["XDG_STATE_HOME": "rel", "HOME": "/h"])
                == "/h/.local/state/meshdeck/crashes")
        #expect(CrashReportSettings.reportDirectory(environment: [:]) == nil)
    }

    /// Never interactive, to a file; a user's own settings come after, so the runtime lets them win.
    @Test func ourSettingsComeFirstAndTheUsersWin() {
        #expect(CrashReportSettings.value(existing: nil, reportFile: "/r/m-1.log") == "interactive=no,output-to=/r/m-1.log")
        #expect(
            CrashReportSettings.value(existing: "output-to=stderr,color=no", reportFile: "/r/m-1.log")
                == "interactive=no,output-to=/r/m-1.log,output-to=stderr,color=no")
        #expect(CrashReportSettings.value(existing: nil, reportFile: "/a,b/m-1.log") == "interactive=no")
    }

    /// The crash message names a file only where the runtime really writes one.
    @Test func theReportPathIsTheLastOutputToThatIsAPath() {
        func path(_ value: String?) -> String? {
            CrashReportSettings.reportPath(environment: value.map { ["SWIFT_BACKTRACE": $0] } ?? [:])
        }
        #expect(path("interactive=no,output-to=/r/m-1.log") == "/r/m-1.log")
        #expect(path("interactive=no,output-to=/r/m-1.log,output-to=stderr") == nil)
        #expect(path("output-to=stdout,output-to=/var/crashes") == "/var/crashes")
        #expect(path("interactive=no,output-to=/r/m-1.log,enable=no") == nil)
        #expect(path("interactive=no") == nil)
        #expect(path(nil) == nil)
    }
}
