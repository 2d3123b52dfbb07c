package dev.nettybind.server;

import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.preinitialize.BackgroundPreinitializer;
import org.springframework.core.io.support.SpringFactoriesLoader;

import dev.nettybind.Processes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The native transport is loaded by Spring Boot's background preinitialization, before
 * its slower peers: in a JVM of its own, where nothing else has loaded Netty yet, the
 * preinitializer alone initializes the epoll native library, the default allocator and
 * Reactor Netty's HTTP server.
 */
class NativeTransportBackgroundPreinitializerTests {

	@Test
	void isRegisteredAheadOfBootsOwnPreinitializers() {
		List<BackgroundPreinitializer> preinitializers = SpringFactoriesLoader.forDefaultResourceLocation()
			.load(BackgroundPreinitializer.class);
		assertThat(preinitializers).hasSizeGreaterThan(1);
		assertThat(preinitializers.get(0)).isInstanceOf(NativeTransportBackgroundPreinitializer.class);
	}

	@Test
	void initializesTheEpollLibraryTheDefaultAllocatorAndTheHttpServer() {
		String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		// The JVM logs each class it initializes: what the preinitializer did, and only that.
		Processes.Result result = Processes.run(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xlog:class+init=info", "-cp", classPath, Child.class.getName()), Duration.ofSeconds(60));
		assertThat(result.exitCode()).as(result.output()).isZero();
		String log = result.output();
		assertThat(log).contains("before preinitialize");
		String before = log.substring(0, log.indexOf("before preinitialize"));
		String after = log.substring(log.indexOf("before preinitialize"), log.indexOf("after preinitialize"));
		for (String initialized : List.of("io/netty/channel/epoll/Native", "io/netty/buffer/ByteBufAllocator",
				"reactor/netty/http/server/HttpServerBind")) {
			assertThat(before).doesNotContain("Initializing '" + initialized + "'");
			assertThat(after).contains("Initializing '" + initialized + "'");
		}
	}

	/**
	 * The main of the child JVM: run the preinitializer between two marks.
	 */
	public static final class Child {

		private Child() {
		}

		public static void main(String[] args) {
			System.out.println("before preinitialize");
			new NativeTransportBackgroundPreinitializer().preinitialize();
			System.out.println("after preinitialize");
		}

	}

}
