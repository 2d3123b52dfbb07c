package dev.nettybind;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link Processes}: a command that hangs with its output open is killed, with
 * its children, when the timeout fires, and the output it wrote so far is reported; a
 * command that exits is not held up by a child that keeps its output open.
 */
class ProcessesTests {

	@Test
	void commandThatExitsReportsItsExitCodeAndInterleavedOutput() {
		Processes.Result result = Processes.run(List.of("sh", "-c", "echo out; echo err >&2; exit 3"));
		assertThat(result.exitCode()).isEqualTo(3);
		assertThat(result.output()).isEqualTo("out\nerr\n");
	}

	@Test
	void timeoutFiresOnACommandThatHangsWithItsOutputOpen() {
		List<String> command = List.of("sleep", "30");
		Processes.TimedOutException timedOut = catchThrowableOfType(Processes.TimedOutException.class,
				() -> Processes.run(command, Duration.ofMillis(200)));
		assertThat(timedOut).isNotNull();
		assertThat(timedOut.command()).isEqualTo(command);
		assertThat(timedOut).hasMessageStartingWith("Timed out after PT0.2S: [sleep, 30]");
	}

	@Test
	void timeoutKillsTheChildrenOfTheCommandAndReportsTheOutputSoFar() {
		// The shell prints at once; the timeout only needs to be longer than an echo.
		Processes.TimedOutException timedOut = catchThrowableOfType(Processes.TimedOutException.class,
				() -> Processes.run(List.of("sh", "-c", "sleep 30 & echo child $!; wait"), Duration.ofSeconds(5)));
		assertThat(timedOut).isNotNull();
		assertThat(timedOut.output()).startsWith("child ");
		assertThat(timedOut).hasMessageContaining("Output so far:\nchild ");
		long child = Long.parseLong(timedOut.output().substring("child ".length()).trim());
		await().atMost(Duration.ofSeconds(10)).until(() -> !isAlive(child));
	}

	@Test
	void commandIsNotHeldUpByAChildThatKeepsItsOutputOpen() {
		// The background sleep inherits the output: reading a pipe to its end would wait
		// for it, and the timeout below would fire.
		Processes.Result result = Processes.run(List.of("sh", "-c", "sleep 30 & echo child $!"),
				Duration.ofSeconds(20));
		long child = Long.parseLong(result.output().substring("child ".length()).trim());
		try {
			assertThat(result.exitCode()).isZero();
			assertThat(isAlive(child)).as("the child that holds the output open").isTrue();
		}
		finally {
			ProcessHandle.of(child).ifPresent(ProcessHandle::destroyForcibly);
		}
	}

	private static boolean isAlive(long pid) {
		Optional<ProcessHandle> process = ProcessHandle.of(pid);
		return process.isPresent() && process.get().isAlive();
	}

}
