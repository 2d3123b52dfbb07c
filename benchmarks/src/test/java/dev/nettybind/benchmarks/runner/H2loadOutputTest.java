package dev.nettybind.benchmarks.runner;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class H2loadOutputTest {

	// h2load 1.52 --h1 -c64 -m1 -n1000 -H 'Connection: close' against the starter over TLS
	// 1.3 on 127.0.0.1, tls-fresh-handshakes.c preloaded (its line is the last).
	private static final String SAMPLE = Samples.read("h2load-tls13.txt");

	@Test
	void readsRateHandshakesAndNegotiatedTlsOfARealRun() {
		H2loadOutput out = H2loadOutput.parse(SAMPLE);
		assertEquals(291.92, out.rate(), 1e-9);
		assertEquals(0, out.errors());
		assertEquals(1000, out.handshakes());
		assertEquals(0, out.resumed());
		assertEquals("TLSv1.3", out.protocol());
		assertEquals("TLS_AES_128_GCM_SHA256", out.cipher());
	}

	@Test
	void countsFailedRequestsAnd4xxAnd5xxResponsesAsErrors() {
		String text = SAMPLE
			.replace("1000 succeeded, 0 failed", "990 succeeded, 10 failed")
			.replace("1000 2xx, 0 3xx, 0 4xx, 0 5xx", "985 2xx, 0 3xx, 3 4xx, 2 5xx");
		assertEquals(15, H2loadOutput.parse(text).errors());
	}

	@Test
	void tellsWhenThePreloadedLibraryDidNotReport() {
		H2loadOutput out = H2loadOutput.parse(SAMPLE.replace("TLS-HANDSHAKES completed=1000 resumed=0\n", ""));
		assertEquals(0, out.handshakes());
		assertEquals(-1, out.resumed());
	}

	@Test
	void readsResumedHandshakes() {
		H2loadOutput out = H2loadOutput.parse(SAMPLE.replace("resumed=0", "resumed=936"));
		assertEquals(936, out.resumed());
	}

}
