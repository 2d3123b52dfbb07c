package dev.nettybind.config;

import org.junit.jupiter.api.Test;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * An application processed ahead of time that starts with servers its build did not
 * plan for fails with a report that says what the build fixed and what to do.
 */
class AheadOfTimeMismatchFailureAnalyzerTests {

	@Test
	void serversDeclaredOnlyAtRunTimeAreExplained() {
		MockEnvironment environment = new MockEnvironment().withProperty("bind.servers.late.port", "0");
		Throwable failure = catchThrowable(() -> AheadOfTimeBoundServers.failIfServersDeclared(environment));
		FailureAnalysis analysis = new AheadOfTimeMismatchFailureAnalyzer().analyze(failure);
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).contains("bind.servers declares 1 server(s) at run time")
			.contains("without the auto-configuration of bind.servers");
		assertThat(analysis.getAction()).startsWith("Process it again with a server declared")
			.contains("-Dspring.aot.enabled=true");
	}

}
