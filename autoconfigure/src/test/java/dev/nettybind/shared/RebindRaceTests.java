package dev.nettybind.shared;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.nettybind.Clients;
import dev.nettybind.config.BindServersAutoConfiguration;
import dev.nettybind.server.BindOptions;
import dev.nettybind.server.BoundServer;
import dev.nettybind.server.ServerBinder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server that binds a port while the server holding it closes either finds it still
 * held by that server or binds it once it is free: it is never told that another process
 * holds it.
 */
class RebindRaceTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BindServersAutoConfiguration.class))
		.withPropertyValues("bind.enabled=true");

	@Test
	void bindingAPortThatIsBeingReleasedNeverBlamesAnotherProcess() {
		this.runner.run((context) -> {
			ServerBinder binder = context.getBean(ServerBinder.class);
			int port = Clients.freePort();
			for (int round = 0; round < 20; round++) {
				BoundServer holder = binder.bind("holder", BindOptions.of("LOOPBACK_IP_V4", port),
						(request, response) -> response.send());
				CyclicBarrier start = new CyclicBarrier(2);
				CompletableFuture<Void> closing = CompletableFuture.runAsync(() -> {
					await(start);
					holder.close();
				});
				await(start);
				try {
					binder.bind("next", BindOptions.of("LOOPBACK_IP_V4", port), (request, response) -> response.send())
						.close();
				}
				catch (AddressInUseException ex) {
					assertThat(ex.getHolders()).as(ex.getMessage()).containsExactly("holder");
				}
				closing.join();
			}
		});
	}

	private static void await(CyclicBarrier barrier) {
		try {
			barrier.await();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
