package dev.nettybind.server;

import io.netty.buffer.ByteBufAllocator;
import reactor.netty.http.server.HttpServer;

import org.springframework.boot.autoconfigure.preinitialize.BackgroundPreinitializer;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Loads Netty's epoll native library and its default buffer allocator, and initializes
 * Reactor Netty's HTTP server, on Spring Boot's background preinitialization thread,
 * while the application context is still being prepared: done on the main thread, they
 * delay the first bind (the library and the allocator by about 100 ms on two cores, the
 * HTTP server by about 50 ms of CPU; see the bind timings in {@code docs/BENCHMARKS.md}).
 * Spring Boot runs
 * preinitializers only when the process may use more than one CPU and
 * {@code spring.backgroundpreinitializer.ignore} is not set.
 *
 * @author Netty Bind Starter contributors
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
final class NativeTransportBackgroundPreinitializer implements BackgroundPreinitializer {

	@Override
	public void preinitialize() {
		EventLoops.isNativeTransportAvailable();
		ByteBufAllocator.DEFAULT.isDirectBufferPooled();
		// Binds nothing: the first HttpServer made initializes what every one shares (its
		// default configuration, Reactor's bounded elastic scheduler for form decoding).
		HttpServer.create();
	}

}
