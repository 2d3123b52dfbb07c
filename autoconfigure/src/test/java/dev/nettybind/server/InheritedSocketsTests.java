package dev.nettybind.server;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.nettybind.diagnostics.OptionNames;
import dev.nettybind.diagnostics.ServerSetupException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * How {@link InheritedSockets} picks the socket of a server among those systemd passes,
 * from the environment systemd sets: by name, or the only one. The descriptor it then
 * examines is no listening socket of this test, so the failure names the descriptor
 * that was picked.
 */
class InheritedSocketsTests {

	private static final long PID = 4242;

	@Test
	void picksTheSocketNamedAfterTheServer() {
		InheritedSockets sockets = systemd("3", "public:admin:partner");
		assertThatExceptionOfType(ServerSetupException.class)
			.isThrownBy(() -> sockets.take(OptionNames.configured("admin"), "systemd"))
			.withMessageStartingWith("Server 'admin' cannot take over descriptor 4: ");
	}

	@Test
	void picksTheOnlySocketWhateverItsName() {
		InheritedSockets sockets = systemd("1", "unknown");
		assertThatExceptionOfType(ServerSetupException.class)
			.isThrownBy(() -> sockets.take(OptionNames.configured("admin"), "systemd"))
			.withMessageStartingWith("Server 'admin' cannot take over descriptor 3: ");
	}

	@Test
	void refusesToGuessAmongSeveralSocketsNamedOtherwise() {
		InheritedSockets sockets = systemd("2", "public:partner");
		assertThatExceptionOfType(ServerSetupException.class)
			.isThrownBy(() -> sockets.take(OptionNames.configured("admin"), "systemd"))
			.withMessageContaining("systemd passed 2 sockets, named [public, partner], and none is named 'admin'")
			.satisfies((ex) -> assertThat(ex.getAction())
				.contains("FileDescriptorName=admin"));
	}

	@Test
	void ignoresSocketsPassedToAnotherProcess() {
		InheritedSockets sockets = new InheritedSockets(
				Map.of("LISTEN_PID", "1", "LISTEN_FDS", "1", "LISTEN_FDNAMES", "admin"), PID);
		assertThatExceptionOfType(ServerSetupException.class)
			.isThrownBy(() -> sockets.take(OptionNames.configured("admin"), "systemd"))
			.withMessageContaining("systemd passed no socket to this process (LISTEN_PID is 1, not 4242)");
	}

	@Test
	void takesTheGivenDescriptorWithoutSystemd() {
		InheritedSockets sockets = new InheritedSockets(Map.of(), PID);
		assertThatExceptionOfType(ServerSetupException.class)
			.isThrownBy(() -> sockets.take(OptionNames.configured("admin"), "fd:7"))
			.withMessageStartingWith("Server 'admin' cannot take over descriptor 7: ");
	}

	private static InheritedSockets systemd(String count, String names) {
		return new InheritedSockets(
				Map.of("LISTEN_PID", String.valueOf(PID), "LISTEN_FDS", count, "LISTEN_FDNAMES", names), PID);
	}

}
