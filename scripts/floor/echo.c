/* The floor's echo server: one thread, blocking. Reads a connection to EOF, answers
 * "echo response: <what it read>", closes. The least work a server can do for a probe. */
#include "common.h"

int main(void) {
    int s = listen_ephemeral();
    char in[4096], out[8192];
    for (;;) {
        int c = accept(s, NULL, NULL);
        if (c < 0) continue;
        nodelay(c);
        ssize_t n;
        size_t total = 0;
        while (total < sizeof in && (n = read(c, in + total, sizeof in - total)) > 0) total += (size_t)n;
        int len = snprintf(out, sizeof out, "echo response: %.*s", (int)total, in);
        if (write(c, out, (size_t)len) < 0) { /* the client went away: nothing to do */ }
        close(c);
    }
}
