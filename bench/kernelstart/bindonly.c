/*
 * bindonly: the least a kernel process can do before a client may
 * connect. It reads the connection file given as its only argument,
 * listens on its shell port and waits to be killed. kernelstart.py
 * --listen times how long after Popen a port listens, for this program
 * and for the kernels, beside the time the client connects (--probe).
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int main(int argc, char **argv) {
	if (argc != 2) {
		fprintf(stderr, "usage: bindonly CONNECTION_FILE\n");
		return 2;
	}
	FILE *f = fopen(argv[1], "r");
	if (!f) {
		perror(argv[1]);
		return 1;
	}
	char buf[8192];
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	buf[n] = 0;
	fclose(f);
	char *p = strstr(buf, "\"shell_port\"");
	if (!p || !(p = strchr(p, ':'))) {
		fprintf(stderr, "%s: no shell_port\n", argv[1]);
		return 1;
	}
	int port = atoi(p + 1);
	int s = socket(AF_INET, SOCK_STREAM, 0);
	int one = 1;
	setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port), .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	if (bind(s, (struct sockaddr *)&a, sizeof a) != 0 || listen(s, 128) != 0) {
		perror("bind");
		return 1;
	}
	pause();
	return 0;
}
