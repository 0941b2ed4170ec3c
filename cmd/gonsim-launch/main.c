/*
 * gonsim-launch binds a Jupyter kernel's five ports, then runs the kernel on
 * them, the way systemd's socket activation hands a service its sockets.
 *
 *     gonsim-launch KERNEL CONNECTION_FILE
 *
 * execs KERNEL CONNECTION_FILE with the listening sockets as descriptors 3
 * to 7 and LISTEN_PID, LISTEN_FDS and LISTEN_FDNAMES set, the protocol of
 * sd_listen_fds(3). The installed kernelspec starts bin/gonsim through it
 * (install_kernelspec in tests/e2e/lib.sh).
 *
 * Why: a client started at the same moment as the kernel connects about a
 * millisecond after the kernel's exec. A port that does not listen yet
 * refuses it, and libzmq tries again only after 100 to 200 ms. A Go binary
 * reaches its first package init 3 to 5 ms after exec on a small VM (the
 * runtime starts first); this program, static and built against musl,
 * listens a fraction of a millisecond after it (bench/kernelstart).
 *
 * It is a head start and nothing more: the kernel (kernel/early) reads the
 * connection file itself, takes each socket only if it listens on the
 * file's address and port, and binds what is missing. So this program reads
 * only what it needs, binds all five ports or none, and runs KERNEL
 * whatever the file holds: on a file it does not understand (ipc, a host
 * name, a string with escapes) the kernel binds, and reports, as usual.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

enum { NPORTS = 5, FIRST_FD = 3 /* SD_LISTEN_FDS_START */ };

/* The channels in the order jupyter_client's start_channels connects them,
 * and their keys in the connection file. */
static const char *const channels[NPORTS] = {"iopub", "shell", "stdin", "hb", "control"};
static const char *const keys[NPORTS] = {"iopub_port", "shell_port", "stdin_port", "hb_port", "control_port"};

/* value returns what follows "key": at the top of the JSON text, or NULL. */
static const char *value(const char *text, const char *key) {
	size_t n = strlen(key);
	for (const char *p = strchr(text, '"'); p; p = strchr(p + 1, '"')) {
		if (strncmp(p + 1, key, n) != 0 || p[n + 1] != '"')
			continue;
		const char *v = p + n + 2;
		v += strspn(v, " \t\r\n");
		if (*v != ':')
			continue;
		v++;
		return v + strspn(v, " \t\r\n");
	}
	return NULL;
}

/* string copies the JSON string at v into out; 0 when it is not a string
 * without escapes that fits. */
static int string(const char *v, char *out, size_t size) {
	if (!v || *v != '"')
		return 0;
	size_t n = strcspn(v + 1, "\"\\");
	if (v[1 + n] != '"' || n >= size)
		return 0;
	memcpy(out, v + 1, n);
	out[n] = 0;
	return 1;
}

/* port returns the port number at v, or 0. */
static int port(const char *v) {
	if (!v)
		return 0;
	long p = 0;
	int digits = 0;
	for (; *v >= '0' && *v <= '9' && digits < 6; v++, digits++)
		p = p * 10 + (*v - '0');
	return digits > 0 && digits < 6 && p <= 65535 ? (int)p : 0;
}

/* readfile reads the connection file into text; 0 when it cannot or the
 * file does not fit (a connection file is a few hundred bytes). */
static int readfile(const char *path, char *text, size_t size) {
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	size_t n = 0;
	ssize_t r;
	while (n < size - 1 && (r = read(fd, text + n, size - 1 - n)) != 0) {
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	text[n] = 0;
	return r == 0;
}

/* endpoints reads the address and the five ports of a tcp connection file;
 * 0 when it is not one. */
static int endpoints(const char *path, struct in_addr *addr, int ports[NPORTS]) {
	static char text[65536];
	char transport[8], ip[64];
	if (!readfile(path, text, sizeof text) || !string(value(text, "transport"), transport, sizeof transport) ||
	    strcmp(transport, "tcp") != 0 || !string(value(text, "ip"), ip, sizeof ip))
		return 0;
	if (strcmp(ip, "*") == 0)
		addr->s_addr = htonl(INADDR_ANY);
	else if (inet_pton(AF_INET, ip, addr) != 1)
		return 0;
	for (int i = 0; i < NPORTS; i++) {
		if (!(ports[i] = port(value(text, keys[i]))))
			return 0;
		for (int j = 0; j < i; j++)
			if (ports[j] == ports[i])
				return 0;
	}
	return 1;
}

/* listening returns a socket listening on addr:port, or -1. */
static int listening(struct in_addr addr, int port) {
	int s = socket(AF_INET, SOCK_STREAM, 0), one = 1;
	if (s < 0)
		return -1;
	struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((unsigned short)port), .sin_addr = addr};
	/* SO_REUSEADDR and the backlog as Go's net package sets them. */
	if (setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) != 0 ||
	    bind(s, (struct sockaddr *)&sa, sizeof sa) != 0 || listen(s, 4096) != 0) {
		close(s);
		return -1;
	}
	return s;
}

/* bindall listens on the file's five ports and moves the sockets to
 * descriptors FIRST_FD on; 0, with nothing bound, when it cannot. */
static int bindall(const char *path) {
	struct in_addr addr;
	int ports[NPORTS], fds[NPORTS];
	if (!endpoints(path, &addr, ports))
		return 0;
	for (int i = 0; i < NPORTS; i++) {
		if ((fds[i] = listening(addr, ports[i])) < 0) {
			while (i-- > 0)
				close(fds[i]);
			return 0;
		}
	}
	/* Above the target range first, so that no move overwrites a socket
	 * still to be moved. */
	for (int i = 0; i < NPORTS; i++) {
		int high = fcntl(fds[i], F_DUPFD, FIRST_FD + NPORTS);
		close(fds[i]);
		fds[i] = high;
	}
	int placed = 0;
	while (placed < NPORTS && fds[placed] >= 0 && dup2(fds[placed], FIRST_FD + placed) >= 0)
		placed++;
	for (int i = 0; i < NPORTS; i++)
		close(fds[i]);
	if (placed < NPORTS) {
		while (placed-- > 0)
			close(FIRST_FD + placed);
		return 0;
	}
	return 1;
}

int main(int argc, char **argv) {
	if (argc != 3) {
		fprintf(stderr, "usage: gonsim-launch KERNEL CONNECTION_FILE\n");
		return 2;
	}
	if (bindall(argv[2])) {
		char pid[24], nfds[4], names[64] = "";
		snprintf(pid, sizeof pid, "%ld", (long)getpid());
		snprintf(nfds, sizeof nfds, "%d", NPORTS);
		for (int i = 0; i < NPORTS; i++) {
			strcat(names, i ? ":" : "");
			strcat(names, channels[i]);
		}
		setenv("LISTEN_PID", pid, 1);
		setenv("LISTEN_FDS", nfds, 1);
		setenv("LISTEN_FDNAMES", names, 1);
	}
	execv(argv[1], argv + 1);
	fprintf(stderr, "gonsim-launch: cannot run %s: %s\n", argv[1], strerror(errno));
	return 127;
}
