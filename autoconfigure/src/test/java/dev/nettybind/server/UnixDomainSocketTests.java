package dev.nettybind.server;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.nettybind.Processes;
import dev.nettybind.TestCertificates;
import dev.nettybind.TestCertificates.Issued;
import dev.nettybind.TestHandlers;
import dev.nettybind.actuate.BindServersActuatorAutoConfiguration;
import dev.nettybind.actuate.ServerDescriptor;
import dev.nettybind.actuate.ServersEndpoint;
import dev.nettybind.config.BindServersAutoConfiguration;
import dev.nettybind.diagnostics.ServerSetupException;
import dev.nettybind.shared.AddressInUseException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Servers on Unix domain sockets ({@code address: unix:/path}), driven with
 * {@code curl --unix-socket}: a stale socket file is replaced, a live one never taken,
 * the file mode set, the file removed on close, and a path shared.
 */
@ExtendWith(OutputCaptureExtension.class)
class UnixDomainSocketTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(BindServersAutoConfiguration.class, BindServersActuatorAutoConfiguration.class))
		.withUserConfiguration(TestHandlers.class)
		.withPropertyValues("bind.enabled=true", "management.endpoints.web.exposure.include=servers");

	@TempDir
	Path directory;

	@Test
	void servesHttpOnTheSocketAndRemovesItsFileOnClose() {
		Path socket = this.directory.resolve("api.sock");
		this.runner.withPropertyValues("bind.servers.api.address=unix:" + socket, "bind.servers.api.handler=hello")
			.run((context) -> {
				BoundServer api = context.getBean("apiBoundServer", BoundServer.class);
				assertThat(api.path()).isEqualTo(socket);
				assertThat(api.address()).isNull();
				assertThat(api.port()).isEqualTo(-1);
				assertThat(api.socket()).hasToString("unix:" + socket);
				assertThat(context.getEnvironment().getProperty("local.bind.api.path")).isEqualTo(socket.toString());
				assertThat(context.getEnvironment().getProperty("local.bind.api.port")).isNull();
				ServerDescriptor descriptor = context.getBean(ServersEndpoint.class).server("api");
				assertThat(descriptor.path()).isEqualTo(socket.toString());
				assertThat(descriptor.port()).isEqualTo(-1);
				assertThat(descriptor.inherited()).isFalse();
				assertThat(curl(socket)).isEqualTo("hello");
			});
		assertThat(socket).doesNotExist();
	}

	@Test
	void writesAnAccessLogLineWithoutAPeerAddress(CapturedOutput output) {
		Path socket = this.directory.resolve("logged.sock");
		this.runner
			.withPropertyValues("bind.servers.api.address=unix:" + socket, "bind.servers.api.handler=hello",
					"bind.servers.api.access-log.enabled=true")
			.run((context) -> {
				assertThat(curl(socket)).isEqualTo("hello");
				Awaitility.await()
					.atMost(Duration.ofSeconds(10))
					.until(() -> output.getOut().contains("\"GET / HTTP/1.1\" 200"));
				// The client of a Unix domain socket has no address: '-', as the common log format has it.
				assertThat(output.getOut().lines().filter((line) -> line.contains("dev.nettybind.access.api")))
					.singleElement()
					.satisfies((line) -> assertThat(line).containsPattern(
							": - - - \\[[^]]+\\] \"GET / HTTP/1.1\" 200 5$"));
			});
	}

	@Test
	void servesHttpsAndHttp2OnTheSocket() {
		Issued ca = TestCertificates.ca("CN=Unix CA, O=Example");
		Path database = TestCertificates.keyStore()
			.key("local", TestCertificates.server("CN=localhost, O=Example", ca))
			.trusted("ca", ca.certificate())
			.writeTo(this.directory.resolve("database.p12"), "changeit");
		Path caFile = TestCertificates.writePem(ca, this.directory, "ca");
		Path socket = this.directory.resolve("secure.sock");
		this.runner.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class))
			.withPropertyValues("bind.certificate-database.location=file:" + database,
					"bind.certificate-database.password=changeit", "bind.servers.api.address=unix:" + socket,
					"bind.servers.api.certificate-name=local", "bind.servers.api.handler=hello")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				Processes.Result result = Processes.run(List.of("curl", "-sS", "--max-time", "30", "--http2",
						"--cacert", caFile.toString(), "-w", " %{http_version}", "--unix-socket", socket.toString(),
						"https://localhost/"));
				assertThat(result.output()).as(result.output()).isEqualTo("hello 2");
			});
	}

	@Test
	void setsTheFileModeOfTheSocket() {
		Path socket = this.directory.resolve("private.sock");
		this.runner
			.withPropertyValues("bind.servers.api.address=unix:" + socket, "bind.servers.api.handler=hello",
					"bind.servers.api.unix-socket-permissions=600")
			.run((context) -> {
				assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket))).isEqualTo("rw-------");
				assertThat(curl(socket)).isEqualTo("hello");
			});
	}

	@Test
	void replacesTheSocketFileOfADeadProcess() throws IOException {
		Path socket = this.directory.resolve("stale.sock");
		try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
			dead.bind(UnixDomainSocketAddress.of(socket));
		}
		// The JDK leaves the file behind on close, as a process that died does.
		assertThat(socket).exists();
		this.runner.withPropertyValues("bind.servers.api.address=unix:" + socket, "bind.servers.api.handler=hello")
			.run((context) -> assertThat(curl(socket)).isEqualTo("hello"));
	}

	@Test
	void neverTakesTheSocketOfALiveProcess() throws IOException {
		Path socket = this.directory.resolve("live.sock");
		try (ServerSocketChannel live = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
			live.bind(UnixDomainSocketAddress.of(socket));
			this.runner.run((context) -> {
				ServerBinder binder = context.getBean(ServerBinder.class);
				assertThatExceptionOfType(AddressInUseException.class)
					.isThrownBy(() -> binder.bind("api", BindOptions.of("unix:" + socket, 0), this::hello))
					.withMessageContaining("Server 'api' could not bind unix:" + socket
							+ ": another process listens on that socket file");
			});
			// The other process still has its socket: a client reaches it.
			try (SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(socket));
					SocketChannel accepted = live.accept()) {
				assertThat(accepted).isNotNull();
				assertThat(client.isConnected()).isTrue();
			}
		}
	}

	@Test
	void neverRemovesAFileThatIsNotASocket() throws IOException {
		Path file = Files.writeString(this.directory.resolve("data.sock"), "keep me");
		this.runner.run((context) -> {
			ServerBinder binder = context.getBean(ServerBinder.class);
			assertThatExceptionOfType(ServerSetupException.class)
				.isThrownBy(() -> binder.bind("api", BindOptions.of("unix:" + file, 0), this::hello))
				.withMessageContaining("cannot bind unix:" + file + ": the path exists and is not a socket");
		});
		assertThat(file).hasContent("keep me");
	}

	@Test
	void sharedServersTakeTurnsOnOnePath() {
		Path socket = this.directory.resolve("shared.sock");
		this.runner.run((context) -> {
			ServerBinder binder = context.getBean(ServerBinder.class);
			BindOptions options = BindOptions.of("unix:" + socket, 0).shared(true);
			BoundServer one = binder.bind("one", options, (request, response) -> response.sendString(Mono.just("one")));
			BoundServer two = binder.bind("two", options, (request, response) -> response.sendString(Mono.just("two")));
			assertThat(one.socket()).isSameAs(two.socket());
			List<String> answers = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				answers.add(curl(socket));
			}
			assertThat(answers).containsExactly("one", "two", "one", "two");
			one.close();
			assertThat(curl(socket)).isEqualTo("two");
			two.close();
			assertThat(socket).doesNotExist();
		});
	}

	@Test
	void aServerThatDoesNotShareThePathIsRefused() {
		Path socket = this.directory.resolve("taken.sock");
		this.runner.run((context) -> {
			ServerBinder binder = context.getBean(ServerBinder.class);
			binder.bind("first", BindOptions.of("unix:" + socket, 0), this::hello);
			assertThatExceptionOfType(AddressInUseException.class)
				.isThrownBy(() -> binder.bind("second", BindOptions.of("unix:" + socket, 0).shared(true), this::hello))
				.withMessageContaining("could not bind unix:" + socket + ": the address is already in use by server "
						+ "'first' of this application (the shared flag must be true on every server binding the "
						+ "same path)")
				.satisfies((ex) -> assertThat(ex.getAction()).contains("set 'shared: true' on 'first'"));
			assertThat(curl(socket)).isEqualTo("hello");
		});
	}

	@Test
	void refusesTheOptionsOfAPort() {
		Path socket = this.directory.resolve("api.sock");
		this.runner.run((context) -> {
			ServerBinder binder = context.getBean(ServerBinder.class);
			BindOptions unix = BindOptions.of("unix:" + socket, 0);
			assertThatExceptionOfType(ServerSetupException.class)
				.isThrownBy(() -> binder.bind("api", unix.port(8080), this::hello))
				.withMessageContaining("Server 'api' sets 'BindOptions.port(..)', but binds a Unix domain socket, which has "
						+ "no port. Remove 'BindOptions.port(..)', or use an IP address in 'BindOptions.address(..)'.");
			assertThatExceptionOfType(ServerSetupException.class)
				.isThrownBy(() -> binder.bind("api", unix.v6Only(true), this::hello))
				.withMessageContaining("sets 'BindOptions.v6Only(..)', but binds a Unix domain socket");
			assertThatExceptionOfType(ServerSetupException.class)
				.isThrownBy(() -> binder.bind("api", unix.reusePort(true), this::hello))
				.withMessageContaining("sets 'BindOptions.reusePort(..)', but binds a Unix domain socket");
			assertThatExceptionOfType(ServerSetupException.class)
				.isThrownBy(() -> binder.bind("api", BindOptions.of("LOOPBACK_IP_V4", 0).unixSocketPermissions("660"),
						this::hello))
				.withMessageContaining("sets 'BindOptions.unixSocketPermissions(..)', but binds an IP socket, which has no file mode");
			assertThat(socket).doesNotExist();
		});
	}

	@Test
	void refusesABadFileModeOrPath() {
		this.runner.withPropertyValues("bind.servers.api.address=unix:" + this.directory.resolve("api.sock"),
				"bind.servers.api.handler=hello", "bind.servers.api.unix-socket-permissions=rw-rw----")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("servers[api].unixSocketPermissions")
				.hasMessageContaining("must be three octal digits, such as 660"));
		this.runner.withPropertyValues("bind.servers.api.address=unix:/" + "a".repeat(120), "bind.servers.api.handler=hello")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("whose path is longer than the 107 bytes a socket address holds"));
	}

	@Test
	void needsTheEpollTransport() {
		this.runner
			.withPropertyValues("bind.event-loop.prefer-native=false",
					"bind.servers.api.address=unix:" + this.directory.resolve("api.sock"),
					"bind.servers.api.handler=hello")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("Server 'api' needs the epoll transport for a Unix domain socket"));
	}

	private Mono<Void> hello(reactor.netty.http.server.HttpServerRequest request,
			reactor.netty.http.server.HttpServerResponse response) {
		return response.sendString(Mono.just("hello")).then();
	}

	private static String curl(Path socket) {
		Processes.Result result = Processes.run(
				List.of("curl", "-sS", "--max-time", "30", "--unix-socket", socket.toString(), "http://localhost/"));
		assertThat(result.exitCode()).as(result.output()).isZero();
		return result.output();
	}

}
