package dev.nettybind.sample;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end, processed ahead of time: the same jar, which the build processed with
 * Spring AOT as it does for a native image, started with
 * {@code -Dspring.aot.enabled=true}, so that it runs the generated code; every test of
 * {@link SampleApplicationIT} runs against it, and a server declared only on its command
 * line, which the build could not know of, binds and serves too.
 */
class SampleApplicationAotIT extends SampleApplicationIT {

	@Override
	List<String> jvmArguments() {
		return List.of("-Dspring.aot.enabled=true");
	}

	@Override
	List<String> arguments() {
		return List.of("--bind.servers.late.port=0");
	}

	@Override
	Set<String> servers() {
		Set<String> servers = new HashSet<>(super.servers());
		servers.add("late");
		return servers;
	}

	@Test
	@Order(0)
	void runsTheGeneratedCodeAndAServerDeclaredOnlyAtRunTime() {
		assertThat(log()).contains("Starting AOT-processed SampleApplication");
		assertThat(Commands.run("curl", "-sS", "--max-time", "10", "http://127.0.0.1:" + port("late") + "/hello?name=late")
			.output()).isEqualTo("Hello, late!\n");
	}

}
