package dev.nettybind.shared;

import java.net.InetAddress;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.nettybind.Clients;
import dev.nettybind.TestHandlers;
import dev.nettybind.config.BindServersAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server whose port the kernel refuses because a server of the same application
 * listens on an overlapping address: the failure names that server, and only it.
 */
class OverlappingBindTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BindServersAutoConfiguration.class))
		.withUserConfiguration(TestHandlers.class);

	@Test
	void addressUnderAnIpv4WildcardNamesTheServerOfTheWildcard() {
		int port = Clients.freePort();
		this.runner
			.withPropertyValues("bind.servers.everywhere.address=ANY_IP_V4", "bind.servers.everywhere.port=" + port,
					"bind.servers.everywhere.handler=hello", "bind.servers.v6.address=::1",
					"bind.servers.v6.port=" + port, "bind.servers.v6.handler=hello",
					"bind.servers.one.address=127.0.0.2", "bind.servers.one.port=" + port,
					"bind.servers.one.handler=hello")
			.run((context) -> assertThat(addressInUse(context.getStartupFailure()))
				.isInstanceOfSatisfying(AddressInUseException.class, (ex) -> {
					assertThat(ex.getHolders()).containsExactly("everywhere");
					assertThat(ex.getDescription()).isEqualTo("Server 'one' could not bind 127.0.0.2:" + port
							+ ": the port is already in use by server 'everywhere' of this application, on an "
							+ "address that overlaps this one.");
					assertThat(ex.getAction()).isEqualTo("Change 'bind.servers.one.port' (0 picks a free port), "
							+ "or bind the same address as 'everywhere': only servers of the same address, port and "
							+ "v6-only can share a socket.");
				}));
		assertThat(Clients.canBind("127.0.0.2", port)).isTrue();
	}

	@Test
	void dualStackWildcardNamesTheIpv4ServerOfItsPort() {
		int port = Clients.freePort();
		this.runner
			.withPropertyValues("bind.servers.v4.address=127.0.0.1", "bind.servers.v4.port=" + port,
					"bind.servers.v4.handler=hello", "bind.servers.everywhere.address=ANY_IP_V6",
					"bind.servers.everywhere.port=" + port, "bind.servers.everywhere.handler=hello")
			.run((context) -> assertThat(addressInUse(context.getStartupFailure()))
				.isInstanceOfSatisfying(AddressInUseException.class,
						(ex) -> assertThat(ex.getHolders()).containsExactly("v4")));
		assertThat(Clients.canBind("127.0.0.1", port)).isTrue();
	}

	@Test
	void portHeldByAnotherProcessNamesNoServer() throws Exception {
		try (ServerSocket other = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
			int port = other.getLocalPort();
			this.runner
				.withPropertyValues("bind.servers.api.address=LOOPBACK_IP_V4", "bind.servers.api.port=" + port,
						"bind.servers.api.handler=hello")
				.run((context) -> assertThat(addressInUse(context.getStartupFailure()))
					.isInstanceOfSatisfying(AddressInUseException.class, (ex) -> {
						assertThat(ex.getHolders()).isEmpty();
						assertThat(ex.getPropertyPath()).isEqualTo("bind.servers.api.port");
						assertThat(ex.getDescription()).startsWith("Server 'api' could not bind 127.0.0.1:" + port
								+ ": the address is already in use by another process");
						assertThat(ex.getAction()).isEqualTo("Identify and stop the process that is listening on "
								+ "port " + port + ", or change 'bind.servers.api.port' (0 picks a free port).");
					}));
		}
	}

	@Test
	void serverOfAnotherAddressOfTheFamilyIsNoHolder() throws Exception {
		int port = Clients.freePort();
		try (ServerSocket other = new ServerSocket(port, 50, InetAddress.getByName("127.0.0.3"))) {
			this.runner
				.withPropertyValues("bind.servers.neighbour.address=127.0.0.2", "bind.servers.neighbour.port=" + port,
						"bind.servers.neighbour.handler=hello", "bind.servers.api.address=127.0.0.3",
						"bind.servers.api.port=" + port, "bind.servers.api.handler=hello")
				.run((context) -> assertThat(addressInUse(context.getStartupFailure()))
					.isInstanceOfSatisfying(AddressInUseException.class, (ex) -> {
						assertThat(ex.getServerName()).isEqualTo("api");
						assertThat(ex.getHolders()).isEmpty();
					}));
		}
	}

	@Test
	void unsharedServersOnOneAddressAskForTheSharedFlagOnBoth() {
		int port = Clients.freePort();
		this.runner
			.withPropertyValues("bind.servers.first.port=" + port, "bind.servers.first.handler=hello",
					"bind.servers.second.port=" + port, "bind.servers.second.handler=hello")
			.run((context) -> assertThat(addressInUse(context.getStartupFailure()))
				.isInstanceOfSatisfying(AddressInUseException.class, (ex) -> {
					assertThat(ex.getHolders()).containsExactly("first");
					assertThat(ex.getAction()).isEqualTo("Change 'bind.servers.second.port' (0 picks a free port), "
							+ "or set 'shared: true' on 'second' and on 'first' to share one socket between them.");
				}));
	}

	private static Throwable addressInUse(Throwable failure) {
		Throwable cause = failure;
		while (cause != null && !(cause instanceof AddressInUseException)) {
			cause = cause.getCause();
		}
		return (cause != null) ? cause : failure;
	}

}
