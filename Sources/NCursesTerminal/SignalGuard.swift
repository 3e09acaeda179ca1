import CNCurses

/// The process-wide signal handlers the terminal needs: quit signals recorded for the UI
/// loop, crash signals that put the terminal back before the process dies.
///
/// The shim keeps their state in a C function-local static, and Swift emits a private copy
/// of a header's static inline functions (statics included) into each object file that calls
/// them. So every call into that state is made here, from functions never inlined elsewhere.
enum SignalGuard {
    /// Call before `newterm`: saves the shell's termios for the crash handler, and takes
    /// SIGINT, SIGTERM and SIGHUP so that ncurses does not.
    @inline(never)
    static func install() {
        meshdeck_install_crash_handler()
        meshdeck_install_quit_handlers()
    }

    /// Puts back the dispositions that were there before `install()`.
    @inline(never)
    static func restore() {
        meshdeck_restore_quit_handlers()
        meshdeck_restore_crash_handler()
    }

    /// The quit signal received since the last call, if any.
    @inline(never)
    static func takeQuitSignal() -> Int32? {
        let signal = meshdeck_take_quit_signal()
        return signal == 0 ? nil : signal
    }
}
