/* The floor's client: what `echo hello | nc HOST PORT` does, from C, one probe at a time.
 * connect, write, shut the output, read to EOF, close; prints p50/p90/p99 in microseconds.
 * Usage: rtt PORT COUNT PAYLOAD   ("\n" in PAYLOAD is a newline; one is appended). */
#include "common.h"
#include <time.h>

static double now_us(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e6 + t.tv_nsec / 1e3;
}

static int by_value(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv) {
    if (argc != 4) { fprintf(stderr, "usage: rtt PORT COUNT PAYLOAD\n"); return 2; }
    struct sockaddr_in to = loopback(atoi(argv[1]));
    int count = atoi(argv[2]), warmup = 500, empty = 0;
    char payload[1024];
    size_t len = 0;
    for (const char *p = argv[3]; *p && len < sizeof payload - 2; p++) {
        if (p[0] == '\\' && p[1] == 'n') { payload[len++] = '\n'; p++; } else payload[len++] = *p;
    }
    payload[len++] = '\n';
    double *samples = malloc(sizeof(double) * (size_t)count);
    char reply[4096];
    for (int i = 0; i < warmup + count; i++) {
        double start = now_us();
        int fd = socket(AF_INET, SOCK_STREAM, 0);
        if (fd < 0) die("socket");
        nodelay(fd);
        if (connect(fd, (struct sockaddr *)&to, sizeof to) < 0) die("connect");
        if (write(fd, payload, len) != (ssize_t)len) die("write");
        shutdown(fd, SHUT_WR);
        ssize_t n, total = 0;
        while ((n = read(fd, reply + total, sizeof reply - (size_t)total)) > 0) total += n;
        close(fd);
        if (total == 0) empty++;
        if (i >= warmup) samples[i - warmup] = now_us() - start;
    }
    qsort(samples, (size_t)count, sizeof(double), by_value);
    printf("p50 %4.0f us   p90 %4.0f us   p99 %4.0f us%s\n", samples[count / 2], samples[count * 9 / 10],
           samples[count * 99 / 100], empty ? "   (some replies were empty)" : "");
    return empty ? 1 : 0;
}
