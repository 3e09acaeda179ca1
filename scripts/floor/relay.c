/* The floor's proxy hop: one thread, blocking, no event loop, no policy. Accepts, dials the
 * next hop, copies client to upstream until EOF, half-closes, copies back until EOF, closes
 * both. What any TCP proxy must at least do per connection. Usage: relay NEXT_PORT */
#include "common.h"

static void copy(int from, int to) {
    char buf[4096];
    ssize_t n;
    while ((n = read(from, buf, sizeof buf)) > 0)
        if (write(to, buf, (size_t)n) != n) return;
}

int main(int argc, char **argv) {
    if (argc != 2) { fprintf(stderr, "usage: relay NEXT_PORT\n"); return 2; }
    struct sockaddr_in next = loopback(atoi(argv[1]));
    int s = listen_ephemeral();
    for (;;) {
        int c = accept(s, NULL, NULL);
        if (c < 0) continue;
        nodelay(c);
        int d = socket(AF_INET, SOCK_STREAM, 0);
        if (d < 0 || connect(d, (struct sockaddr *)&next, sizeof next) < 0) {
            if (d >= 0) close(d);
            close(c);
            continue;
        }
        nodelay(d);
        copy(c, d);
        shutdown(d, SHUT_WR);
        copy(d, c);
        close(d);
        close(c);
    }
}
