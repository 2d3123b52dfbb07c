/*
 * Preloaded into h2load by benchmarks/run.sh (LD_PRELOAD) so that every connection makes a
 * full TLS handshake, and to count the handshakes and the resumed sessions.
 *
 * h2load (1.52) keeps a connection's SSL object when it reconnects after the server closed
 * the connection (Connection: close), and OpenSSL then offers the last session again: all
 * but the first handshake of each client would be resumptions (abbreviated TLS 1.2
 * handshakes, TLS 1.3 PSK handshakes without a certificate signature). Forgetting the
 * session before each connect makes every one a full handshake. At exit it prints
 * "TLS-HANDSHAKES completed=<n> resumed=<m>" on standard error; m must be 0.
 *
 * Built by run.sh with: cc -O2 -shared -fPIC -o tls-fresh.so tls-fresh-handshakes.c -ldl
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>

typedef struct ssl_st SSL;
typedef struct ssl_session_st SSL_SESSION;
int SSL_set_session(SSL *ssl, SSL_SESSION *session);
int SSL_session_reused(const SSL *ssl);

static unsigned long completed, resumed;

/* h2load calls this before each connect, on a new or on a kept SSL object. */
void SSL_set_connect_state(SSL *ssl) {
	static void (*real)(SSL *);
	if (!real) {
		real = (void (*)(SSL *)) dlsym(RTLD_NEXT, "SSL_set_connect_state");
	}
	SSL_set_session(ssl, NULL);
	real(ssl);
}

int SSL_do_handshake(SSL *ssl) {
	static int (*real)(SSL *);
	if (!real) {
		real = (int (*)(SSL *)) dlsym(RTLD_NEXT, "SSL_do_handshake");
	}
	int rv = real(ssl);
	if (rv == 1) {
		completed++;
		if (SSL_session_reused(ssl)) {
			resumed++;
		}
	}
	return rv;
}

__attribute__((destructor)) static void report(void) {
	fprintf(stderr, "TLS-HANDSHAKES completed=%lu resumed=%lu\n", completed, resumed);
}
