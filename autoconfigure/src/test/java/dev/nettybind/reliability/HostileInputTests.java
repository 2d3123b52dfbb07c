package dev.nettybind.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.nettybind.RawHttpConnection;
import dev.nettybind.RawHttpConnection.Outcome;
import dev.nettybind.config.BindServersAutoConfiguration;
import dev.nettybind.server.BoundServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Malformed and hostile input, sent with a raw socket: each gets the right status or a
 * clean close, the server keeps serving after every one, and no buffer leaks (Netty's
 * leak detector runs at PARANOID).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class HostileInputTests {

	private static final int TIMEOUT_MILLIS = 5_000;

	static final Set<String> pathsServed = ConcurrentHashMap.newKeySet();

	static final AtomicInteger handled = new AtomicInteger();

	/**
	 * Requests whose headers are valid and whose body is not: the handler is called when
	 * the headers arrive, its body then fails, and the client gets 400.
	 */
	private static final Set<String> BROKEN_BODY = Set.of("invalid chunk size", "overflowing chunk size");

	private ResourceLeakDetector.Level leakLevel;

	private AnnotationConfigApplicationContext context;

	private int port;

	@BeforeAll
	void start() {
		this.leakLevel = ResourceLeakDetector.getLevel();
		ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
		this.context = new AnnotationConfigApplicationContext();
		TestPropertyValues
			.of("bind.servers.api.handler=echoPath", "bind.servers.api.limits.header-timeout=1s",
					"bind.servers.api.limits.read-timeout=1s",
					"bind.servers.api.limits.max-body-size=1MB")
			.applyTo(this.context);
		this.context.register(EchoPath.class);
		this.context.refresh();
		this.port = this.context.getBean(BoundServer.class).port();
	}

	static Stream<Arguments> hostileRequests() {
		String longLine = "GET /" + "a".repeat(5_000) + " HTTP/1.1\r\nHost: x\r\n\r\n";
		String bigHeader = "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(10_000) + "\r\n\r\n";
		StringBuilder manyHeaders = new StringBuilder("GET / HTTP/1.1\r\nHost: x\r\n");
		for (int i = 0; i < 1_000; i++) {
			manyHeaders.append("X-H").append(i).append(": v\r\n");
		}
		manyHeaders.append("\r\n");
		return Stream.of(
				request("garbage request line", "GARBAGE\r\n\r\n", 400),
				request("method only", "GET\r\n\r\n", 400),
				request("no version", "GET /\r\n\r\n", 400),
				request("unknown version", "GET / HTTP/9.9\r\nHost: x\r\n\r\n", 400, 505),
				request("lower-case version, accepted as Netty is lenient", "GET / http/1.1\r\nHost: x\r\n\r\n", 200,
						400),
				request("request line too long", longLine, 414),
				request("header too large", bigHeader, 431),
				request("too many headers", manyHeaders.toString(), 431),
				request("space in header name", "GET / HTTP/1.1\r\nHost: x\r\nBad Header: v\r\n\r\n", 400),
				request("header without colon", "GET / HTTP/1.1\r\nHost: x\r\nNoColon\r\n\r\n", 400),
				request("CR inside a header value", "GET / HTTP/1.1\r\nHost: x\r\nX-A: a\rInjected: b\r\n\r\n", 400),
				request("NUL in the URI", "GET /a\u0000b HTTP/1.1\r\nHost: x\r\n\r\n", 400),
				request("control character in the method", "G\u0001T / HTTP/1.1\r\nHost: x\r\n\r\n", 400),
				request("Content-Length and chunked",
						"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n"
								+ "0\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n",
						400),
				request("two different Content-Lengths",
						"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 40\r\n\r\nabc", 400),
				request("negative Content-Length", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n", 400),
				request("non-numeric Content-Length", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: ten\r\n\r\n", 400),
				request("invalid chunk size",
						"POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n", 400),
				request("overflowing chunk size", "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
						+ "FFFFFFFFFFFFFFFFFFFF\r\nabc\r\n0\r\n\r\n", 400),
				request("chunked not last", "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, gzip\r\n\r\n"
						+ "3\r\nabc\r\n0\r\n\r\n", 400, 501),
				request("chunked not last, over two header lines",
						"POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: identity\r\n\r\n"
								+ "3\r\nabc\r\n0\r\n\r\n",
						400, 501),
				request("unknown transfer coding", "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: bogus\r\n\r\n",
						400, 501),
				request("declared body over the limit",
						"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 104857600\r\n\r\n", 413),
				request("HTTP/2 preface on an HTTP/1.1 server", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", 400),
				request("TLS client hello on a plain port", "\u0016\u0003\u0001\u0000\u00a5\u0001\u0000\u0000\u00a1\u0003\u0003",
						400),
				request("obsolete line folding", "GET / HTTP/1.1\r\nHost: x\r\nX-A: a\r\n b\r\n\r\n", 200, 400),
				request("header name with a colon inside", "GET / HTTP/1.1\r\nHost: x\r\nX:Y: z\r\n\r\n", 200, 400),
				request("absolute-form with a bad scheme", "GET bogus://x/ HTTP/1.1\r\nHost: x\r\n\r\n", 200, 400),
				request("empty request", "\r\n\r\n", -1),
				request("incomplete request line", "GET / HT", -1),
				request("headers never finished", "GET / HTTP/1.1\r\nHost: x\r\n", -1),
				request("binary noise", "\u00ff\u00fe\u00fd\u0000\r\n\r\n", 400),
				request("request smuggling with a space before the colon",
						"POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding : chunked\r\nContent-Length: 3\r\n\r\nabc", 400));
	}

	private static Arguments request(String name, String raw, int... acceptable) {
		return Arguments.of(name, raw.getBytes(StandardCharsets.ISO_8859_1), acceptable);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("hostileRequests")
	void hostileRequestGetsItsStatusWithoutReachingTheHandlerAndTheServerKeepsServing(String name, byte[] raw, int[] acceptable)
			throws IOException {
		int handledBefore = handled.get();
		Outcome outcome = RawHttpConnection.probe("127.0.0.1", this.port, raw, TIMEOUT_MILLIS);
		assertThat(outcome.wedged()).as("%s wedged the connection", name).isFalse();
		if (acceptable[0] == -1) {
			// Incomplete input: the header timeout closes it, whatever else happens.
			assertThat(outcome.closed() || outcome.status() == 400).as("%s: %s", name, outcome).isTrue();
		}
		else {
			List<Integer> statuses = Arrays.stream(acceptable).boxed().toList();
			assertThat(statuses).as("%s answered %s, expected one of %s", name, outcome, statuses)
				.contains(outcome.status());
			if (!statuses.contains(200) && !BROKEN_BODY.contains(name)) {
				assertThat(handled.get()).as("%s reached the handler", name).isEqualTo(handledBefore);
			}
		}
		assertThat(pathsServed).doesNotContain("/smuggled");
		assertStillServing();
	}

	@Test
	void randomBytesNeverWedgeOrCrashTheServer() throws IOException {
		Random random = new Random(42);
		for (int i = 0; i < 2_000; i++) {
			byte[] noise = new byte[random.nextInt(256)];
			random.nextBytes(noise);
			String prefix = switch (random.nextInt(4)) {
				case 0 -> "GET /";
				case 1 -> "POST / HTTP/1.1\r\nContent-Length: 4\r\n";
				case 2 -> "GET / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n";
				default -> "";
			};
			byte[] input = concat(prefix.getBytes(StandardCharsets.US_ASCII), noise,
					"\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			Outcome outcome = RawHttpConnection.probe("127.0.0.1", this.port, input, TIMEOUT_MILLIS);
			assertThat(outcome.wedged()).as("input %d wedged the connection", i).isFalse();
			if (i % 200 == 0) {
				assertStillServing();
			}
		}
		assertStillServing();
	}

	@AfterAll
	void stopAndCheckForLeaks(CapturedOutput output) {
		int active = this.context.getBean(BoundServer.class).activeConnections();
		this.context.close();
		// The detector reports what the collector found when buffers are next allocated.
		for (int i = 0; i < 5; i++) {
			System.gc();
			ByteBuf buffer = PooledByteBufAllocator.DEFAULT.buffer(1024);
			buffer.release();
		}
		ResourceLeakDetector.setLevel(this.leakLevel);
		assertThat(output).doesNotContain("LEAK:");
		assertThat(active).isLessThanOrEqualTo(1);
	}

	private void assertStillServing() throws IOException {
		assertThat(RawHttpConnection.getOnce("127.0.0.1", this.port, "/health").body()).isEqualTo("/health");
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(BindServersAutoConfiguration.class)
	static class EchoPath {

		@Bean
		BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> echoPath() {
			return (request, response) -> {
				handled.incrementAndGet();
				pathsServed.add("/" + request.path());
				return request.receive().then(response.sendString(Mono.just("/" + request.path())).then());
			};
		}

	}

	private static byte[] concat(byte[]... parts) {
		int length = 0;
		for (byte[] part : parts) {
			length += part.length;
		}
		byte[] all = new byte[length];
		int offset = 0;
		for (byte[] part : parts) {
			System.arraycopy(part, 0, all, offset, part.length);
			offset += part.length;
		}
		return all;
	}

}
