package dev.nettybind.actuate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.nettybind.Clients;
import dev.nettybind.TestCertificates;
import dev.nettybind.TestHandlers;
import dev.nettybind.server.BoundServer;
import dev.nettybind.server.LocalBoundPort;
import dev.nettybind.server.ServerBinder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a user sees of the servers: the {@code servers} endpoint, health, meters and a
 * Prometheus scrape, all read over a real connection to a bound server that serves the
 * application's actuator.
 */
@SpringBootTest(properties = { "bind.servers.public.address=LOOPBACK_IP_V4", "bind.servers.a.handler=hello",
		"bind.servers.a.metrics=true", "bind.servers.b.handler=hello", "bind.servers.b.metrics=true",
		"bind.servers.secure.handler=hello", "bind.servers.secure.certificate-name=server",
		"bind.certificate-database.password=changeit", "management.endpoints.web.exposure.include=*",
		"management.endpoint.health.show-details=always" })
class ObservabilityTests {

	@LocalBoundPort("public")
	int publicPort;

	@LocalBoundPort("a")
	int portA;

	@Autowired
	@Qualifier("b")
	BoundServer b;

	@Autowired
	ServerBinder binder;

	@Autowired
	MeterRegistry meterRegistry;

	@DynamicPropertySource
	static void certificateDatabase(DynamicPropertyRegistry registry) throws Exception {
		Path directory = Files.createTempDirectory("observability");
		TestCertificates.Issued ca = TestCertificates.ca("CN=Test CA, O=Example");
		Path database = TestCertificates.keyStore()
			.key("server", TestCertificates.server("CN=localhost, O=Example", ca))
			.writeTo(directory.resolve("db.p12"), "changeit");
		registry.add("bind.certificate-database.location", () -> "file:" + database);
	}

	@Test
	void serversEndpointShowsEveryServerWithItsRealPortAndNoSecret() {
		String json = Clients.get("127.0.0.1", this.publicPort, "/actuator/servers").body();
		List<String> names = JsonPath.read(json, "$.servers[*].name");
		assertThat(names).containsExactly("public", "a", "b", "secure");
		for (BoundServer server : this.binder.servers()) {
			List<Integer> ports = JsonPath.read(json, "$.servers[?(@.name == '" + server.name() + "')].port");
			int port = ports.get(0);
			assertThat(port).isEqualTo(server.port());
			assertThat(Clients.accepts("127.0.0.1", port)).isTrue();
		}
		assertThat((String) JsonPath.read(json, "$.servers[3].certificate.subject")).isEqualTo("CN=localhost,O=Example");
		assertThat((Boolean) JsonPath.read(json, "$.servers[3].secure")).isTrue();
		assertThat((String) JsonPath.read(json, "$.servers[0].state")).isEqualTo("BOUND");
		assertThat((String) JsonPath.read(json, "$.servers[0].transport")).isEqualTo("epoll");
		assertThat(json).doesNotContain("changeit").doesNotContain("PRIVATE");
		String one = Clients.get("127.0.0.1", this.publicPort, "/actuator/servers/a").body();
		assertThat((Integer) JsonPath.read(one, "$.port")).isEqualTo(this.portA);
		assertThat(Clients.get("127.0.0.1", this.publicPort, "/actuator/servers/nope").statusCode()).isEqualTo(404);
	}

	@Test
	void closeOperationIsOffByDefault() {
		int refused = Clients.post("127.0.0.1", this.publicPort, "/actuator/servers/public").statusCode();
		assertThat(refused).isBetween(400, 499);
		assertThat(this.binder.server("public").state()).isEqualTo(BoundServer.State.BOUND);
		assertThat(Clients.get("127.0.0.1", this.publicPort, "/actuator/servers").statusCode()).isEqualTo(200);
		assertThat(this.b.state()).isEqualTo(BoundServer.State.BOUND);
	}

	@Test
	void healthIsUpWithEveryServerBound() {
		String json = Clients.get("127.0.0.1", this.publicPort, "/actuator/health").body();
		assertThat((String) JsonPath.read(json, "$.components.bindServers.status")).isEqualTo("UP");
		Map<String, Object> a = JsonPath.read(json, "$.components.bindServers.details.a");
		assertThat(a).containsEntry("state", "BOUND").containsEntry("port", this.portA);
	}

	@Test
	void metersCountTheRequestsOfEachServer() {
		double before = requests("a");
		for (int i = 0; i < 7; i++) {
			assertThat(Clients.get("127.0.0.1", this.portA, "/").body()).isEqualTo("hello");
		}
		// The counter moves when the response has been written, just after the client got it.
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(requests("a")).isEqualTo(before + 7));
		assertThat(requests("b")).isZero();
		assertThat(this.meterRegistry.get("bind.server.connections.accepted").tag("server", "a").functionCounter().count())
			.isPositive();
		assertThat(this.meterRegistry.get("bind.server.data.received").tag("server", "a").functionCounter().count())
			.isPositive();
		String scrape = Clients.get("127.0.0.1", this.publicPort, "/actuator/prometheus").body();
		assertThat(scrape).contains("bind_server_requests_total{server=\"a\",shared=\"false\",socket=\"127.0.0.1:"
				+ this.portA + "\",status=\"200\"} " + (int) (before + 7));
		assertThat(scrape).contains("bind_server_connections_active{server=\"b\"");
		assertThat(scrape).contains("bind_server_data_sent_bytes_total{server=\"a\"");
		assertThat(scrape).contains("reactor_netty_http_server_data_received");
	}

	private double requests(String server) {
		return this.meterRegistry.find("bind.server.requests")
			.tag("server", server)
			.functionCounters()
			.stream()
			.mapToDouble((counter) -> counter.count())
			.sum();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(TestHandlers.class)
	static class ObservedApplication {

	}

}
