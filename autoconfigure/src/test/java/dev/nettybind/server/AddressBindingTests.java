package dev.nettybind.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.nettybind.Clients;
import dev.nettybind.Processes;
import dev.nettybind.TestHandlers;
import dev.nettybind.config.BindServersAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which clients reach a server, by the address it binds: Dart's rules on real sockets;
 * and the listen backlog the kernel gives its socket, as {@code ss} shows it.
 */
class AddressBindingTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BindServersAutoConfiguration.class))
		.withUserConfiguration(TestHandlers.class)
		.withPropertyValues("bind.servers.api.handler=hello");

	@Test
	void ipv4LiteralAnswersOnlyOnThatAddress() {
		this.runner.withPropertyValues("bind.servers.api.address=127.0.0.1").run((context) -> {
			int port = context.getBean(BoundServer.class).port();
			assertThat(Clients.get("127.0.0.1", port, "/").body()).isEqualTo("hello");
			assertThat(Clients.accepts("127.0.0.2", port)).isFalse();
			assertThat(Clients.accepts("::1", port)).isFalse();
		});
	}

	@Test
	void anyIpV4AnswersOnEveryIpv4AddressButNotOnIpv6() {
		this.runner.withPropertyValues("bind.servers.api.address=ANY_IP_V4").run((context) -> {
			int port = context.getBean(BoundServer.class).port();
			assertThat(Clients.get("127.0.0.1", port, "/").body()).isEqualTo("hello");
			assertThat(Clients.get("127.0.0.2", port, "/").body()).isEqualTo("hello");
			assertThat(Clients.accepts("::1", port)).isFalse();
		});
	}

	@Test
	void anyIpV4LeavesTheIpv6SideOfThePortFree() {
		this.runner.withPropertyValues("bind.servers.api.address=0.0.0.0").run((context) -> {
			int port = context.getBean(BoundServer.class).port();
			assertThat(Clients.canBind("::1", port)).isTrue();
		});
	}

	@Test
	void loopbackIpV6AnswersOnlyOnIpv6Loopback() {
		this.runner.withPropertyValues("bind.servers.api.address=LOOPBACK_IP_V6").run((context) -> {
			int port = context.getBean(BoundServer.class).port();
			assertThat(Clients.get("::1", port, "/").body()).isEqualTo("hello");
			assertThat(Clients.accepts("127.0.0.1", port)).isFalse();
		});
	}

	@Test
	void bracketedIpv6LiteralIsBound() {
		this.runner.withPropertyValues("bind.servers.api.address=[::1]").run((context) -> {
			int port = context.getBean(BoundServer.class).port();
			assertThat(Clients.get("::1", port, "/").body()).isEqualTo("hello");
		});
	}

	@Test
	void anyIpV6IsDualStack() {
		this.runner.withPropertyValues("bind.servers.api.address=ANY_IP_V6").run((context) -> {
			int port = context.getBean(BoundServer.class).port();
			assertThat(Clients.get("::1", port, "/").body()).isEqualTo("hello");
			assertThat(Clients.get("127.0.0.1", port, "/").body()).isEqualTo("hello");
			assertThat(Clients.canBind("0.0.0.0", port)).isFalse();
		});
	}

	@Test
	void anyIpV6WithV6OnlyRefusesIpv4AndLeavesItsSideOfThePortFree() {
		this.runner.withPropertyValues("bind.servers.api.address=ANY_IP_V6", "bind.servers.api.v6-only=true")
			.run((context) -> {
				int port = context.getBean(BoundServer.class).port();
				assertThat(Clients.get("::1", port, "/").body()).isEqualTo("hello");
				assertThat(Clients.accepts("127.0.0.1", port)).isFalse();
				assertThat(Clients.canBind("0.0.0.0", port)).isTrue();
			});
	}

	@Test
	void nioTransportBindsIpv4OnlyAndDualStackSocketsToo() {
		this.runner.withPropertyValues("bind.event-loop.prefer-native=false", "bind.servers.api.address=ANY_IP_V4",
				"bind.servers.dual.address=ANY_IP_V6", "bind.servers.dual.handler=hello")
			.run((context) -> {
				int v4 = context.getBean("apiBoundServer", BoundServer.class).port();
				int dual = context.getBean("dualBoundServer", BoundServer.class).port();
				assertThat(Clients.get("127.0.0.1", v4, "/").body()).isEqualTo("hello");
				assertThat(Clients.accepts("::1", v4)).isFalse();
				assertThat(Clients.get("127.0.0.1", dual, "/").body()).isEqualTo("hello");
				assertThat(Clients.get("::1", dual, "/").body()).isEqualTo("hello");
			});
	}

	@Test
	void hostNameBindsTheFirstAddressOfItsLookup() {
		this.runner.withPropertyValues("bind.servers.api.address=localhost").run((context) -> {
			BoundServer server = context.getBean(BoundServer.class);
			assertThat(server.address()).isEqualTo(java.net.InetAddress.getAllByName("localhost")[0]);
			assertThat(Clients.get(server.address().getHostAddress(), server.port(), "/").body()).isEqualTo("hello");
		});
	}

	@Test
	void backlogReachesTheKernel() {
		this.runner.withPropertyValues("bind.servers.api.backlog=77").run((context) -> {
			BoundServer server = context.getBean(BoundServer.class);
			assertThat(kernelBacklog(server.port())).isEqualTo(77);
			assertThat(server.socket().backlog()).isEqualTo(77);
		});
	}

	@Test
	void backlogZeroLeavesTheSystemDefault() throws IOException {
		int somaxconn = somaxconn();
		this.runner.run((context) -> {
			BoundServer server = context.getBean(BoundServer.class);
			assertThat(kernelBacklog(server.port())).isEqualTo(somaxconn);
			assertThat(server.socket().backlog()).isEqualTo(somaxconn);
		});
	}

	@Test
	void backlogOverTheSystemLimitIsReportedAsTheKernelCapsIt() throws IOException {
		int somaxconn = somaxconn();
		this.runner.withPropertyValues("bind.servers.api.backlog=" + (somaxconn + 1000)).run((context) -> {
			BoundServer server = context.getBean(BoundServer.class);
			assertThat(kernelBacklog(server.port())).isEqualTo(somaxconn);
			assertThat(server.socket().backlog()).isEqualTo(somaxconn);
		});
	}

	private static int somaxconn() throws IOException {
		// Files.readString reads only the first byte of this procfs file.
		return Integer.parseInt(Files.readAllLines(Path.of("/proc/sys/net/core/somaxconn")).get(0).trim());
	}

	/**
	 * Return the backlog of the socket that listens on 127.0.0.1 and the port, as the
	 * kernel has it: the Send-Q column of {@code ss -ltn} for a listening socket.
	 */
	private static int kernelBacklog(int port) {
		Processes.Result result = Processes.run(List.of("ss", "-ltnH", "sport = :" + port));
		assertThat(result.exitCode()).as(result.output()).isZero();
		List<String[]> listening = result.output()
			.lines()
			.map((line) -> line.trim().split("\\s+"))
			.filter((columns) -> columns.length >= 4 && columns[3].equals("127.0.0.1:" + port))
			.toList();
		assertThat(listening).as(result.output()).hasSize(1);
		return Integer.parseInt(listening.get(0)[2]);
	}

}
