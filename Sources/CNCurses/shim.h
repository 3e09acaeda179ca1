// ncursesw for Swift, plus the few C pieces Swift cannot express.
//
// SwiftPM drops pkg-config's -D flags, so the wide-character API (get_wch, setcchar,
// wchar_t) is switched on here, before ncurses.h.
#ifndef MESHDECK_CNCURSES_SHIM_H
#define MESHDECK_CNCURSES_SHIM_H

#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1

#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <wchar.h>
#include <ncurses.h>

// MARK: Macros and globals that do not import into Swift 6

// Attribute macros are shifts and casts: Swift does not import them.
static inline attr_t meshdeck_a_normal(void) { return A_NORMAL; }
static inline attr_t meshdeck_a_bold(void) { return A_BOLD; }
static inline attr_t meshdeck_a_reverse(void) { return A_REVERSE; }
static inline attr_t meshdeck_a_underline(void) { return A_UNDERLINE; }

// stdscr, stdout and stdin are mutable globals, which Swift 6 rejects as not
// concurrency-safe; every caller is on the one thread that owns the terminal.
static inline WINDOW *meshdeck_stdscr(void) { return stdscr; }
static inline FILE *meshdeck_stdout(void) { return stdout; }
static inline FILE *meshdeck_stdin(void) { return stdin; }

// tigetstr reports "absent" as NULL and "not a string capability" as (char *)-1.
static inline bool meshdeck_has_string_capability(const char *name) {
    const char *value = tigetstr(name);
    return value != NULL && value != (const char *)-1;
}

// The locale's character set after setlocale(LC_ALL, ""): UTF-8 decides box drawing vs ASCII.
static inline bool meshdeck_locale_is_utf8(void) {
    const char *codeset = nl_langinfo(CODESET);
    return codeset != NULL && strcmp(codeset, "UTF-8") == 0;
}

// MARK: Signals
//
// The signal state sits in one function-local static: Swift emits no definition for a global
// variable declared in a header, and emits a private copy of each static inline function
// (and of its statics) into every object file that calls it. So only one Swift file,
// NCursesTerminal/SignalGuard.swift, calls the functions below, from @inline(never) wrappers.
//
// Every catchable signal whose default action ends the process is taken while the terminal is
// open, because each of them would otherwise leave it on the alternate screen, the cursor
// hidden, with -echo -icanon:
//   - quit signals set a flag that the UI loop reads within a frame; it then gives the
//     terminal back itself and exits 128+N. A second one before the loop has read the first
//     means the loop is stuck: the handler restores the terminal and exits at once.
//   - crash signals put the terminal back at once, hand the crash to whoever had the signal
//     before (the Swift runtime's backtracer, which writes its report), then die of the signal.
//     The runtime's handler only returns for a signal that was sent (kill, abort, Ctrl-\), so
//     without the re-raise here the process went on running.

// Faults and traps (Swift traps arrive as SIGILL/SIGTRAP), abort, Ctrl-\ (with cbreak it still
// raises SIGQUIT) and a refused system call: their default action dumps core.
static inline bool meshdeck_is_crash_signal(int sig) {
    switch (sig) {
    case SIGSEGV: case SIGBUS: case SIGILL: case SIGTRAP: case SIGABRT: case SIGFPE: case SIGQUIT: case SIGSYS:
        return true;
    default:
        return false;
    }
}

// The other signals whose default action ends the process (signal(7)), real-time ones included.
static inline bool meshdeck_is_quit_signal(int sig) {
    switch (sig) {
    case SIGINT: case SIGTERM: case SIGHUP: case SIGUSR1: case SIGUSR2: case SIGALRM: case SIGPIPE:
    case SIGXCPU: case SIGXFSZ: case SIGVTALRM: case SIGPROF: case SIGIO: case SIGPWR: case SIGSTKFLT:
        return true;
    default:
        return sig >= SIGRTMIN && sig <= SIGRTMAX;
    }
}

// SIGINT, SIGTERM and SIGHUP are taken whatever their disposition, before newterm, so that
// ncurses (which takes over only signals still at their default) leaves them to us. The others
// only where they are at their default: an ignored SIGPIPE (SwiftNIO ignores it) stays ignored,
// and a handler someone else installed stays theirs.
static inline bool meshdeck_takes_always(int sig) { return sig == SIGINT || sig == SIGTERM || sig == SIGHUP; }

// Where the Swift runtime writes a crash report, named in the message a crash prints.
#define MESHDECK_REPORT_PATH_SIZE 1024

struct meshdeck_signals {
    struct sigaction previous[NSIG];
    bool taken[NSIG];
    struct termios saved_termios;
    volatile sig_atomic_t termios_saved;
    volatile sig_atomic_t quit_signal;
    volatile sig_atomic_t crashing;
    char report_path[MESHDECK_REPORT_PATH_SIZE];
    bool installed;
};

static inline struct meshdeck_signals *meshdeck_signals_state(void) {
    static struct meshdeck_signals state;
    return &state;
}

// write(2) all of it, for handlers: nothing here may allocate or lock.
static inline void meshdeck_write_all(int fd, const char *text, size_t length) {
    while (length > 0) {
        ssize_t written = write(fd, text, length);
        if (written <= 0) return;
        text += written;
        length -= (size_t)written;
    }
}

static inline void meshdeck_write_text(int fd, const char *text) { meshdeck_write_all(fd, text, strlen(text)); }

// Async-signal-safe: the shell's termios back, then leave the alternate screen, leave keypad
// transmit mode, show the cursor, reset colours and attributes.
static inline void meshdeck_restore_terminal_now(void) {
    struct meshdeck_signals *state = meshdeck_signals_state();
    if (state->termios_saved) tcsetattr(STDOUT_FILENO, TCSANOW, &state->saved_termios);
    meshdeck_write_text(STDOUT_FILENO, "\x1b[?1049l\x1b[?1l\x1b>\x1b[?25h\x1b[0m");
}

// "SIGSEGV", "SIGRTMIN+3": the name a person looks up, built without the C library's
// non-reentrant strsignal.
static inline void meshdeck_signal_name(int sig, char *out, size_t size) {
    static const struct { int number; const char *name; } names[] = {
        {SIGHUP, "SIGHUP"}, {SIGINT, "SIGINT"}, {SIGQUIT, "SIGQUIT"}, {SIGILL, "SIGILL"}, {SIGTRAP, "SIGTRAP"},
        {SIGABRT, "SIGABRT"}, {SIGBUS, "SIGBUS"}, {SIGFPE, "SIGFPE"}, {SIGUSR1, "SIGUSR1"}, {SIGSEGV, "SIGSEGV"},
        {SIGUSR2, "SIGUSR2"}, {SIGPIPE, "SIGPIPE"}, {SIGALRM, "SIGALRM"}, {SIGTERM, "SIGTERM"},
        {SIGSTKFLT, "SIGSTKFLT"}, {SIGXCPU, "SIGXCPU"}, {SIGXFSZ, "SIGXFSZ"}, {SIGVTALRM, "SIGVTALRM"},
        {SIGPROF, "SIGPROF"}, {SIGIO, "SIGIO"}, {SIGPWR, "SIGPWR"}, {SIGSYS, "SIGSYS"},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (names[i].number == sig) {
            strncpy(out, names[i].name, size - 1);
            out[size - 1] = 0;
            return;
        }
    }
    // SIGRTMIN+N, or the bare number.
    int base = sig >= SIGRTMIN ? SIGRTMIN : 0;
    int offset = sig - base;
    char digits[12];
    int n = 0;
    do { digits[n++] = (char)('0' + offset % 10); offset /= 10; } while (offset > 0 && n < 11);
    size_t at = 0;
    const char *prefix = base ? "SIGRTMIN+" : "signal ";
    while (*prefix && at < size - 1) out[at++] = *prefix++;
    while (n > 0 && at < size - 1) out[at++] = digits[--n];
    out[at] = 0;
}

// The one line a crash or a forced quit leaves on standard error, after the runtime's report:
// "meshdeck: stopped by SIGSEGV; crash report: /home/me/.local/state/meshdeck/crashes/meshdeck-42.log".
static inline void meshdeck_write_exit_message(int sig, bool report) {
    struct meshdeck_signals *state = meshdeck_signals_state();
    char name[32];
    meshdeck_signal_name(sig, name, sizeof name);
    meshdeck_write_text(STDERR_FILENO, "meshdeck: stopped by ");
    meshdeck_write_text(STDERR_FILENO, name);
    if (!meshdeck_is_crash_signal(sig)) {
        meshdeck_write_text(STDERR_FILENO, ", sent again before the dashboard had quit");
    } else if (report && state->report_path[0]) {
        meshdeck_write_text(STDERR_FILENO, "; crash report: ");
        meshdeck_write_text(STDERR_FILENO, state->report_path);
    }
    meshdeck_write_text(STDERR_FILENO, "\n");
}

static void meshdeck_quit_handler(int sig) {
    struct meshdeck_signals *state = meshdeck_signals_state();
    // SIGINT is also Ctrl-C, a key the loop may not treat as quit: never forced.
    if (sig != SIGINT && state->quit_signal != 0 && state->quit_signal != SIGINT) {
        meshdeck_restore_terminal_now();
        meshdeck_write_exit_message(sig, false);
        _exit(128 + sig);
    }
    state->quit_signal = sig;
}

static void meshdeck_crash_handler(int sig, siginfo_t *info, void *context) {
    struct meshdeck_signals *state = meshdeck_signals_state();
    // With SA_NODEFER a crash inside this handler comes back here: then only die.
    if (__atomic_exchange_n(&state->crashing, 1, __ATOMIC_SEQ_CST)) {
        signal(sig, SIG_DFL);
        raise(sig);
        return;
    }
    meshdeck_restore_terminal_now();
    // The runtime's backtracer, if it had the signal: it writes its report and returns.
    struct sigaction previous = state->previous[sig];
    bool chained = false;
    if ((previous.sa_flags & SA_SIGINFO) && previous.sa_sigaction != NULL) {
        previous.sa_sigaction(sig, info, context);
        chained = true;
    } else if (!(previous.sa_flags & SA_SIGINFO) && previous.sa_handler != SIG_DFL && previous.sa_handler != SIG_IGN) {
        previous.sa_handler(sig);
        chained = true;
    }
    meshdeck_write_exit_message(sig, chained);
    // Die of the signal, by its default action, so the shell sees 128+N and a core is dumped
    // where cores are kept.
    struct sigaction fallback;
    memset(&fallback, 0, sizeof fallback);
    fallback.sa_handler = SIG_DFL;
    sigemptyset(&fallback.sa_mask);
    sigaction(sig, &fallback, NULL);
    // A fault comes back by itself when the instruction runs again, and the core then shows the
    // faulting address. A signal that was sent (kill, abort, Ctrl-\, a trap whose return would
    // step past it) is sent again, now to the default action (SA_NODEFER: at once).
    bool fault = (sig == SIGSEGV || sig == SIGBUS || sig == SIGILL || sig == SIGFPE) && info != NULL && info->si_code > 0;
    if (!fault) raise(sig);
}

// Call before newterm: the termios saved here is the shell's, the one to go back to.
// `report_path` (may be NULL) is where the runtime writes a crash report.
static inline void meshdeck_install_signal_handlers(const char *report_path) {
    struct meshdeck_signals *state = meshdeck_signals_state();
    state->termios_saved = tcgetattr(STDOUT_FILENO, &state->saved_termios) == 0;
    state->report_path[0] = 0;
    if (report_path) {
        strncpy(state->report_path, report_path, MESHDECK_REPORT_PATH_SIZE - 1);
        state->report_path[MESHDECK_REPORT_PATH_SIZE - 1] = 0;
    }
    if (state->installed) return;
    state->quit_signal = 0;
    struct sigaction crash, quit;
    memset(&crash, 0, sizeof crash);
    crash.sa_sigaction = meshdeck_crash_handler;
    // As the Swift runtime installs its own: everything else blocked, the crash signals not,
    // and SA_NODEFER. Its backtracer's memory server is a thread cloned inside the handler and
    // reads memory that may fault; with the crash signal blocked there (a plain handler's
    // mask) such a fault killed the process halfway through the report (seen: 4 KB of it).
    sigfillset(&crash.sa_mask);
    for (int sig = 1; sig < NSIG; sig++) {
        if (meshdeck_is_crash_signal(sig)) sigdelset(&crash.sa_mask, sig);
    }
    // On the thread's alternate signal stack when it has one (a stack overflow).
    crash.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
    memset(&quit, 0, sizeof quit);
    quit.sa_handler = meshdeck_quit_handler;
    sigemptyset(&quit.sa_mask);
    // No SA_RESTART: a key read waiting on the thread that takes the signal returns early.
    for (int sig = 1; sig < NSIG; sig++) {
        state->taken[sig] = false;
        bool crashes = meshdeck_is_crash_signal(sig);
        if (!crashes && !meshdeck_is_quit_signal(sig)) continue;
        struct sigaction current;
        if (sigaction(sig, NULL, &current) != 0) continue;
        bool at_default = !(current.sa_flags & SA_SIGINFO) && current.sa_handler == SIG_DFL;
        // Crash signals are chained, so they are taken from the runtime's backtracer too.
        if (!crashes && !meshdeck_takes_always(sig) && !at_default) continue;
        if (sigaction(sig, crashes ? &crash : &quit, &state->previous[sig]) == 0) state->taken[sig] = true;
    }
    state->installed = true;
}

// Puts back every disposition taken by meshdeck_install_signal_handlers.
static inline void meshdeck_restore_signal_handlers(void) {
    struct meshdeck_signals *state = meshdeck_signals_state();
    if (!state->installed) return;
    for (int sig = 1; sig < NSIG; sig++) {
        if (state->taken[sig]) sigaction(sig, &state->previous[sig], NULL);
        state->taken[sig] = false;
    }
    state->installed = false;
}

// The last quit signal received (0 when none), taken atomically so none is lost.
static inline int meshdeck_take_quit_signal(void) {
    return __atomic_exchange_n(&meshdeck_signals_state()->quit_signal, 0, __ATOMIC_SEQ_CST);
}

// Whether meshdeck_install_signal_handlers took `sig` (for tests of which signals are taken).
static inline bool meshdeck_signal_taken(int sig) {
    return sig > 0 && sig < NSIG && meshdeck_signals_state()->taken[sig];
}

#endif
