package dev.nettybind.benchmarks.runner;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JvmTest {

	@Test
	void heapUsedAddsTheGenerationsOfSerialGc() {
		// jcmd <pid> GC.heap_info of a JVM with the Serial GC (which a server pinned to one
		// core gets), OpenJDK 17: young and tenured generations; Metaspace has no "total",
		// so it does not count.
		assertEquals(49_150, Jvm.heapUsed(Samples.read("jcmd-heap-info-serial.txt")));
	}

	@Test
	void tlsEnginesNamesTheEngineClassesAndTheirInstances() {
		// jcmd <pid> GC.class_histogram -all of the starter with OpenSSL and with the JDK
		// provider after a TLS warm-up (lines cut out of the real output); the engines' inner
		// classes, such as ReferenceCountedOpenSslEngine$1, do not count.
		assertEquals("OpenSslEngine x2003", Jvm.tlsEngines(Samples.read("jcmd-class-histogram-openssl.txt")));
		assertEquals("SSLEngineImpl x274", Jvm.tlsEngines(Samples.read("jcmd-class-histogram-jdk.txt")));
	}

	@Test
	void tlsEnginesSaysWhenThereIsNone() {
		assertEquals("none found", Jvm.tlsEngines(" num     #instances         #bytes  class name (module)\n"
				+ "   1:         12345        1234567  [B (java.base@17.0.15)\n"));
	}

}
