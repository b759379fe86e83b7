/*
 * WarpLab guest agent: runs inside the small QEMU guest that `warplab guest build` makes.
 *
 *  - a UDP echo server for the probe (every datagram is sent back to its sender unchanged);
 *  - an optional memory-dirtying workload: N MiB written at R pages per second, so that a
 *    pre-copy migration has pages to copy again (and may not converge);
 *  - one console line when it is ready:  WARPLAB-GUEST-READY <ip> port=<port> dirty-mib=<n> dirty-pages-per-s=<r>
 *
 * It reads its settings from the kernel command line (/proc/cmdline):
 *   warplab.ip=A.B.C.D/P  (only reported: the init script configures eth0 with busybox ip)
 *   warplab.port=7007     UDP echo port
 *   warplab.dirty_mib=N   size of the dirtied buffer (0 = no workload)
 *   warplab.dirty_rate=R  pages written per second across the buffer
 *
 * Built statically (gcc -static -O2) when the guest image is made: the initramfs has no libc.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#define PAGE 4096L
#define DEFAULT_PORT 7007

static char cmdline[4096];

/* The value of "key=" on the kernel command line, or NULL. */
static const char *param(const char *key) {
    size_t len = strlen(key);
    for (char *p = cmdline; *p; ) {
        while (*p == ' ' || *p == '\n') p++;
        if (strncmp(p, key, len) == 0 && p[len] == '=') {
            static char value[256];
            const char *start = p + len + 1;
            size_t n = strcspn(start, " \n");
            if (n >= sizeof value) n = sizeof value - 1;
            memcpy(value, start, n);
            value[n] = 0;
            return value;
        }
        p += strcspn(p, " \n");
    }
    return NULL;
}

static long long_param(const char *key, long fallback) {
    const char *v = param(key);
    if (!v || !*v) return fallback;
    char *end;
    long n = strtol(v, &end, 10);
    return (*end == 0 && n >= 0) ? n : fallback;
}

static long long now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}

/*
 * The workload, in a child process so the echo never waits for it: writes one byte in each page in
 * turn, rate pages per second, paced in 1 ms steps (fractions carried over).
 */
static void dirty_forever(long mib, long rate) {
    size_t pages = (size_t)mib * (1024 * 1024 / PAGE);
    unsigned char *buffer = mmap(NULL, pages * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
    if (buffer == MAP_FAILED) {
        dprintf(2, "WARPLAB-GUEST-ERROR cannot allocate %ld MiB for the dirtying workload: %s\n", mib, strerror(errno));
        _exit(1);
    }
    size_t next = 0;
    unsigned char stamp = 1;
    long long start = now_ns();
    long long written = 0;
    for (;;) {
        long long due = (now_ns() - start) * rate / 1000000000LL;
        while (written < due) {
            buffer[next * PAGE + (next % 64) * 8] = stamp;
            written++;
            if (++next == pages) {
                next = 0;
                stamp++;
            }
        }
        struct timespec step = {0, 1000000L};
        nanosleep(&step, NULL);
    }
}

static void set_workload(long mib, long rate) {
    if (mib > 0 && rate > 0 && fork() == 0) {
        dirty_forever(mib, rate);
    }
}

static int udp_socket(int port) {
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    if (fd < 0) return -1;
    struct sockaddr_in addr = {0};
    addr.sin_family = AF_INET;
    addr.sin_port = htons((unsigned short)port);
    addr.sin_addr.s_addr = htonl(INADDR_ANY);
    if (bind(fd, (struct sockaddr *)&addr, sizeof addr) < 0) {
        close(fd);
        return -1;
    }
    return fd;
}

int main(void) {
    FILE *f = fopen("/proc/cmdline", "r");
    if (f) {
        size_t n = fread(cmdline, 1, sizeof cmdline - 1, f);
        cmdline[n] = 0;
        fclose(f);
    }
    long port = long_param("warplab.port", DEFAULT_PORT);
    if (port < 1 || port > 65534) port = DEFAULT_PORT;
    long mib = long_param("warplab.dirty_mib", 0);
    long rate = long_param("warplab.dirty_rate", 0);
    const char *ip = param("warplab.ip");
    char address[64];
    snprintf(address, sizeof address, "%s", ip ? ip : "unconfigured");
    char *slash = strchr(address, '/');
    if (slash) *slash = 0;

    signal(SIGPIPE, SIG_IGN);
    int echo = udp_socket((int)port);
    if (echo < 0) {
        printf("WARPLAB-GUEST-ERROR cannot bind UDP port %ld: %s\n", port, strerror(errno));
        fflush(stdout);
        return 1;
    }
    set_workload(mib, rate);
    printf("WARPLAB-GUEST-READY %s port=%ld dirty-mib=%ld dirty-pages-per-s=%ld\n", address, port, mib, rate);
    fflush(stdout);

    static unsigned char packet[65536];
    for (;;) {
        struct sockaddr_in from;
        socklen_t fromlen = sizeof from;
        ssize_t n = recvfrom(echo, packet, sizeof packet, 0, (struct sockaddr *)&from, &fromlen);
        if (n < 0) {
            if (errno == EINTR) continue;
            return 1;
        }
        sendto(echo, packet, (size_t)n, 0, (struct sockaddr *)&from, fromlen);
    }
}
