package dev.nettybind.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BiFunction;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.nettybind.Clients;
import dev.nettybind.Processes;
import dev.nettybind.RawHttpConnection;
import dev.nettybind.TestCertificates;
import dev.nettybind.config.BindServersAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code bind.servers.<name>.proxy-protocol}: behind a load balancer that sends the
 * PROXY protocol header, the handler sees the client's address, not the balancer's;
 * checked with a raw v1 header, {@code curl --haproxy-protocol} and a real HAProxy
 * sending v2.
 */
class ProxyProtocolTests {

	private static final String PROXY_V1 = "PROXY TCP4 203.0.113.7 127.0.0.1 40000 80\r\n";

	@TempDir
	Path directory;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BindServersAutoConfiguration.class))
		.withUserConfiguration(Handlers.class)
		.withPropertyValues("bind.servers.api.handler=whoAmI");

	@Test
	void clientAddressOfTheHeaderIsTheRemoteAddressOfTheRequest() {
		this.runner.withPropertyValues("bind.servers.api.proxy-protocol=on").run((context) -> {
			int port = context.getBean(BoundServer.class).port();
			try (RawHttpConnection connection = RawHttpConnection.open("127.0.0.1", port)) {
				connection.write(PROXY_V1.getBytes(StandardCharsets.US_ASCII));
				assertThat(connection.get("/", true).body()).isEqualTo("203.0.113.7:40000");
				// The header is read once per connection; the next request keeps its address.
				assertThat(connection.get("/", false).body()).isEqualTo("203.0.113.7:40000");
			}
			Processes.Result curl = Processes.run(
					List.of("curl", "-sS", "--haproxy-protocol", "http://127.0.0.1:" + port + "/"));
			assertThat(curl.output()).startsWith("127.0.0.1:");
		});
	}

	@Test
	void connectionWithoutTheHeaderIsNotServedWhenItIsRequired() {
		this.runner.withPropertyValues("bind.servers.api.proxy-protocol=on").run((context) -> {
			int port = context.getBean(BoundServer.class).port();
			Processes.Result plain = Processes.run(List.of("curl", "-sS", "http://127.0.0.1:" + port + "/"));
			assertThat(plain.exitCode()).isNotZero();
			assertThat(plain.output()).doesNotContain("127.0.0.1:");
		});
	}

	@Test
	void autoServesConnectionsWithAndWithoutTheHeader() {
		this.runner.withPropertyValues("bind.servers.api.proxy-protocol=auto").run((context) -> {
			int port = context.getBean(BoundServer.class).port();
			try (RawHttpConnection connection = RawHttpConnection.open("127.0.0.1", port)) {
				connection.write(PROXY_V1.getBytes(StandardCharsets.US_ASCII));
				assertThat(connection.get("/", false).body()).isEqualTo("203.0.113.7:40000");
			}
			assertThat(Clients.get("127.0.0.1", port, "/").body()).startsWith("127.0.0.1:");
		});
	}

	@Test
	void headerIsIgnoredByDefault() {
		this.runner.run((context) -> {
			int port = context.getBean(BoundServer.class).port();
			assertThat(context.getBean(BoundServer.class).options().getProxyProtocol().name()).isEqualTo("OFF");
			try (RawHttpConnection connection = RawHttpConnection.open("127.0.0.1", port)) {
				connection.write(PROXY_V1.getBytes(StandardCharsets.US_ASCII));
				assertThat(connection.get("/", false).status()).isEqualTo(400);
			}
		});
	}

	@Test
	void haproxySendingVersionTwoPassesTheClientAddressOfAPlainAndASecureServer() throws Exception {
		TestCertificates.Issued ca = TestCertificates.ca("CN=Test CA, O=Example");
		Path database = TestCertificates.keyStore()
			.key("server", TestCertificates.server("CN=localhost, O=Example", ca))
			.writeTo(this.directory.resolve("database.p12"), "changeit");
		this.runner.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class))
			.withPropertyValues("bind.servers.api.proxy-protocol=on", "bind.servers.secure.proxy-protocol=on",
					"bind.servers.secure.handler=whoAmI", "bind.servers.secure.certificate-name=server",
					"bind.certificate-database.location=file:" + database,
					"bind.certificate-database.password=changeit")
			.run((context) -> {
				int plainPort = context.getBean("apiBoundServer", BoundServer.class).port();
				int securePort = context.getBean("secureBoundServer", BoundServer.class).port();
				int plainFront = Clients.freePort();
				int secureFront = Clients.freePort();
				Process haproxy = startHaproxy(plainFront, plainPort, secureFront, securePort);
				try {
					// The client connects from 127.0.0.2; HAProxy connects to the server from 127.0.0.1.
					Processes.Result plain = Processes.run(List.of("curl", "-sS", "--interface", "127.0.0.2",
							"http://127.0.0.1:" + plainFront + "/"));
					assertThat(plain.output()).startsWith("127.0.0.2:");
					Processes.Result secure = Processes.run(List.of("curl", "-sS", "-k", "--interface", "127.0.0.2",
							"https://127.0.0.1:" + secureFront + "/"));
					assertThat(secure.output()).startsWith("127.0.0.2:");
				}
				finally {
					haproxy.destroy();
					haproxy.waitFor();
				}
			});
	}

	@Test
	void sharedServersReadTheHeaderAlike() {
		this.runner
			.withPropertyValues("bind.servers.api.shared=true", "bind.servers.api.port=0",
					"bind.servers.api.proxy-protocol=on")
			.run((context) -> {
				BoundServer first = context.getBean(BoundServer.class);
				BoundServer second = context.getBean(ServerBinder.class)
					.bind("second", first.options().copy().port(first.port()), new Handlers().whoAmI());
				assertThat(second.port()).isEqualTo(first.port());
				for (int i = 0; i < 4; i++) {
					try (RawHttpConnection connection = RawHttpConnection.open("127.0.0.1", first.port())) {
						connection.write(PROXY_V1.getBytes(StandardCharsets.US_ASCII));
						assertThat(connection.get("/", false).body()).isEqualTo("203.0.113.7:40000");
					}
				}
			});
	}

	@Test
	void unknownValueFailsNamingTheValidOnes() {
		this.runner.withPropertyValues("bind.servers.api.proxy-protocol=maybe").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("maybe");
		});
	}

	private Process startHaproxy(int plainFront, int plainPort, int secureFront, int securePort) throws IOException {
		Path config = this.directory.resolve("haproxy.cfg");
		Files.writeString(config, """
				defaults
				  mode tcp
				  timeout connect 5s
				  timeout client 30s
				  timeout server 30s
				listen plain
				  bind 127.0.0.1:%d
				  server api 127.0.0.1:%d send-proxy-v2
				listen secure
				  bind 127.0.0.1:%d
				  server secure 127.0.0.1:%d send-proxy-v2
				""".formatted(plainFront, plainPort, secureFront, securePort));
		Process haproxy = new ProcessBuilder("haproxy", "-db", "-f", config.toString())
			.redirectErrorStream(true)
			.redirectOutput(this.directory.resolve("haproxy.log").toFile())
			.start();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> Clients.accepts("127.0.0.1", plainFront) && Clients.accepts("127.0.0.1", secureFront));
		return haproxy;
	}

	@Configuration(proxyBeanMethods = false)
	static class Handlers {

		@Bean
		BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> whoAmI() {
			return (request, response) -> {
				InetSocketAddress remote = request.remoteAddress();
				return response.sendString(Mono.just(remote.getHostString() + ":" + remote.getPort()));
			};
		}

	}

}
