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

#define MESHDECK_QUIT_SIGNALS { SIGINT, SIGTERM, SIGHUP }
#define MESHDECK_QUIT_SIGNAL_COUNT 3
// SIGQUIT is among the crash signals: with cbreak, Ctrl-\ still raises it, and its default
// action dumps core without restoring the terminal.
#define MESHDECK_CRASH_SIGNALS { SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE, SIGQUIT }
#define MESHDECK_CRASH_SIGNAL_COUNT 7

struct meshdeck_signals {
    struct sigaction previous_quit_actions[MESHDECK_QUIT_SIGNAL_COUNT];
    struct sigaction previous_crash_actions[MESHDECK_CRASH_SIGNAL_COUNT];
    struct termios saved_termios;
    volatile sig_atomic_t termios_saved;
    volatile sig_atomic_t quit_signal;
    bool quit_handlers_installed;
    bool crash_handler_installed;
};

static inline struct meshdeck_signals *meshdeck_signals_state(void) {
    static struct meshdeck_signals state;
    return &state;
}

// Quit signals only set a flag: installed before newterm, so that ncurses (which takes over
// only signals still at their default) leaves them to us, and the UI loop exits and restores
// the terminal itself.
static void meshdeck_quit_handler(int sig) { meshdeck_signals_state()->quit_signal = sig; }

static inline void meshdeck_install_quit_handlers(void) {
    struct meshdeck_signals *state = meshdeck_signals_state();
    if (state->quit_handlers_installed) return;
    static const int signals[] = MESHDECK_QUIT_SIGNALS;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = meshdeck_quit_handler;
    sigemptyset(&action.sa_mask);
    // No SA_RESTART: a key read waiting on the thread that takes the signal returns early.
    for (int i = 0; i < MESHDECK_QUIT_SIGNAL_COUNT; i++)
        sigaction(signals[i], &action, &state->previous_quit_actions[i]);
    state->quit_handlers_installed = true;
}

static inline void meshdeck_restore_quit_handlers(void) {
    struct meshdeck_signals *state = meshdeck_signals_state();
    if (!state->quit_handlers_installed) return;
    static const int signals[] = MESHDECK_QUIT_SIGNALS;
    for (int i = 0; i < MESHDECK_QUIT_SIGNAL_COUNT; i++)
        sigaction(signals[i], &state->previous_quit_actions[i], NULL);
    state->quit_handlers_installed = false;
}

// The last quit signal received (0 when none), taken atomically so none is lost.
static inline int meshdeck_take_quit_signal(void) {
    return __atomic_exchange_n(&meshdeck_signals_state()->quit_signal, 0, __ATOMIC_SEQ_CST);
}

// Swift traps arrive as SIGILL/SIGTRAP and ncurses catches none of the crash signals, so a
// crash would leave the terminal raw, on the alternate screen, with the cursor hidden. The
// handler puts it back with async-signal-safe calls only, then hands the signal to whoever
// had it before: the default action, or the Swift runtime's backtracer, which then prints
// its report on a usable terminal.
static void meshdeck_crash_handler(int sig, siginfo_t *info, void *context) {
    (void)context;
    struct meshdeck_signals *state = meshdeck_signals_state();
    if (state->termios_saved) tcsetattr(STDOUT_FILENO, TCSANOW, &state->saved_termios);
    // Leave the alternate screen, show the cursor, reset colours and attributes.
    static const char reset[] = "\x1b[?1049l\x1b[?25h\x1b[0m";
    ssize_t written = write(STDOUT_FILENO, reset, sizeof reset - 1);
    (void)written;
    static const int signals[] = MESHDECK_CRASH_SIGNALS;
    for (int i = 0; i < MESHDECK_CRASH_SIGNAL_COUNT; i++) {
        if (signals[i] == sig) sigaction(sig, &state->previous_crash_actions[i], NULL);
    }
    // A fault comes back by itself when the instruction runs again, and the report then
    // shows the faulting address. A signal that was sent (abort, kill, Ctrl-\, a trap
    // whose return would step past it) is sent again.
    bool fault = (sig == SIGSEGV || sig == SIGBUS || sig == SIGILL || sig == SIGFPE)
        && info != NULL && info->si_code > 0;
    if (!fault) raise(sig);
}

// Call before newterm: the termios saved here is the shell's, the one to go back to.
static inline void meshdeck_install_crash_handler(void) {
    struct meshdeck_signals *state = meshdeck_signals_state();
    state->termios_saved = tcgetattr(STDOUT_FILENO, &state->saved_termios) == 0;
    if (state->crash_handler_installed) return;
    static const int signals[] = MESHDECK_CRASH_SIGNALS;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = meshdeck_crash_handler;
    sigemptyset(&action.sa_mask);
    // On the thread's alternate signal stack when it has one (a stack overflow).
    action.sa_flags = SA_SIGINFO | SA_ONSTACK;
    for (int i = 0; i < MESHDECK_CRASH_SIGNAL_COUNT; i++)
        sigaction(signals[i], &action, &state->previous_crash_actions[i]);
    state->crash_handler_installed = true;
}

static inline void meshdeck_restore_crash_handler(void) {
    struct meshdeck_signals *state = meshdeck_signals_state();
    if (!state->crash_handler_installed) return;
    static const int signals[] = MESHDECK_CRASH_SIGNALS;
    for (int i = 0; i < MESHDECK_CRASH_SIGNAL_COUNT; i++)
        sigaction(signals[i], &state->previous_crash_actions[i], NULL);
    state->crash_handler_installed = false;
}

#endif
