import CNCurses

/// The process-wide signal handlers the terminal needs: every catchable signal that would end
/// the process takes the terminal back first. Quit signals (SIGTERM, SIGHUP, SIGUSR1, SIGALRM,
/// SIGXCPU, the real-time ones…) are recorded for the UI loop, which restores the terminal and
/// exits 128+N; crash signals (SIGSEGV, SIGABRT, SIGQUIT, Swift's traps…) restore it in the
/// handler, let the Swift runtime write its report, and die of the signal.
///
/// The shim keeps their state in a C function-local static, and Swift emits a private copy
/// of a header's static inline functions (statics included) into each object file that calls
/// them. So every call into that state is made here, from functions never inlined elsewhere.
enum SignalGuard {
    /// Call before `newterm`: saves the shell's termios for the handlers, and takes SIGINT,
    /// SIGTERM and SIGHUP so that ncurses does not. `crashReport` is where the Swift runtime
    /// writes a crash report, for the message a crash prints (nil: it says nothing of one).
    @inline(never)
    static func install(crashReport: String?) {
        if let crashReport {
            crashReport.withCString { meshdeck_install_signal_handlers($0) }
        } else {
            meshdeck_install_signal_handlers(nil)
        }
    }

    /// Puts back the dispositions that were there before `install()`.
    @inline(never)
    static func restore() {
        meshdeck_restore_signal_handlers()
    }

    /// The quit signal received since the last call, if any.
    @inline(never)
    static func takeQuitSignal() -> Int32? {
        let signal = meshdeck_take_quit_signal()
        return signal == 0 ? nil : signal
    }

    /// Whether `install` took `signal` (it leaves ignored ones, and others' handlers, alone).
    @inline(never)
    static func isTaken(_ signal: Int32) -> Bool {
        meshdeck_signal_taken(signal)
    }
}
