package dev.nettybind.server;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.util.unit.DataSize;

import dev.nettybind.config.BindServersAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The programmatic binder forgets the servers it closed: servers bound and closed under
 * ever new names do not pile up in it, nor in the heap.
 */
class ServerBinderMemoryTests {

	private static final int CYCLES = 10_000;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BindServersAutoConfiguration.class))
		.withPropertyValues("bind.enabled=true");

	@Test
	void tenThousandServersBoundAndClosedUnderNewNamesLeaveNothingBehind() {
		this.runner.run((context) -> {
			ServerBinder binder = context.getBean(ServerBinder.class);
			BindOptions options = BindOptions.of("LOOPBACK_IP_V4", 0);
			long heapAfterWarmUp = 0;
			for (int i = 0; i < CYCLES; i++) {
				BoundServer server = binder.bind("cycle-" + i, options,
						(request, response) -> response.sendString(Mono.just("cycle")));
				server.close();
				if (i == CYCLES / 5) {
					heapAfterWarmUp = usedHeapAfterGc();
				}
			}
			assertThat(binder.servers()).extracting(BoundServer::name).containsExactly("cycle-" + (CYCLES - 1));
			long growth = usedHeapAfterGc() - heapAfterWarmUp;
			// 8,000 servers kept would take tens of megabytes; collection noise is far less.
			assertThat(growth).as("heap growth over %d cycles", CYCLES * 4 / 5)
				.isLessThan(DataSize.ofMegabytes(8).toBytes());
		});
	}

	private static long usedHeapAfterGc() {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		for (int i = 0; i < 3; i++) {
			System.gc();
		}
		return memory.getHeapMemoryUsage().getUsed();
	}

}
