package dev.nettybind.web;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.nettybind.server.LocalBoundPort;

/**
 * A {@code @SpringBootTest} aims {@link WebTestClient} at one named server, bound on
 * port 0, and sees what is routed to it and nothing else.
 */
@SpringBootTest(classes = RoutingApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "server.address=127.0.0.1", "bind.servers.admin.address=LOOPBACK_IP_V4",
				"bind.servers.admin.port=0", "bind.servers.partner.address=LOOPBACK_IP_V4",
				"bind.servers.partner.port=0", "bind.servers.public.address=LOOPBACK_IP_V4",
				"bind.servers.public.port=0" })
class NamedServerWebTestClientTests {

	@LocalBoundPort("partner")
	int partnerPort;

	@LocalBoundPort("admin")
	int adminPort;

	private WebTestClient client(int port) {
		return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
	}

	@Test
	void theClientOfOneServerSeesItsRoutes() {
		client(this.partnerPort).get()
			.uri("/orders")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.isEqualTo("orders of partner");
		client(this.partnerPort).get().uri("/users").exchange().expectStatus().isNotFound();
	}

	@Test
	void theClientOfAnotherServerDoesNotSeeThem() {
		client(this.adminPort).get()
			.uri("/orders")
			.headers((headers) -> headers.setBasicAuth("root", "secret"))
			.exchange()
			.expectStatus()
			.isNotFound();
	}

}
