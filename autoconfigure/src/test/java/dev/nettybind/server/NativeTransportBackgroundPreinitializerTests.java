package dev.nettybind.server;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.preinitialize.BackgroundPreinitializer;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The native transport is loaded by Spring Boot's background preinitialization, before
 * its slower peers.
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
	void loadsTheEpollTransport() {
		new NativeTransportBackgroundPreinitializer().preinitialize();
		assertThat(EventLoops.isNativeTransportAvailable()).isTrue();
	}

}
