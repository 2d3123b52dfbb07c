package dev.nettybind.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient.ResponseReceiver;
import reactor.netty.http.client.WebsocketClientSpec;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

import dev.nettybind.Clients;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each piece of a WebFlux application answers only on the servers it is routed to, and
 * does not exist on the others, nor on Spring Boot's own server.
 */
class OnServerRoutingTests {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	private static ConfigurableApplicationContext context;

	@BeforeAll
	static void start() {
		SpringApplication application = new SpringApplication(RoutingApplication.class);
		application.setWebApplicationType(WebApplicationType.REACTIVE);
		context = application.run(RoutingApplication.PROPERTIES);
	}

	@AfterAll
	static void stop() {
		context.close();
	}

	private static int port(String server) {
		String property = server.equals("boot") ? "local.server.port" : "local.bind." + server + ".port";
		return context.getEnvironment().getRequiredProperty(property, Integer.class);
	}

	private static HttpResponse<String> get(String server, String path) {
		return Clients.get("127.0.0.1", port(server), path);
	}

	private static HttpResponse<String> getAsRoot(String server, String path) throws Exception {
		String credentials = Base64.getEncoder().encodeToString("root:secret".getBytes(StandardCharsets.UTF_8));
		HttpRequest request = HttpRequest.newBuilder(Clients.uri("127.0.0.1", port(server), path))
			.header("Authorization", "Basic " + credentials)
			.timeout(Duration.ofSeconds(10))
			.build();
		return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void anAnnotatedControllerAnswersOnlyOnItsServer() throws Exception {
		HttpResponse<String> admin = getAsRoot("admin", "/users");
		assertThat(admin.statusCode()).isEqualTo(200);
		assertThat(admin.body()).isEqualTo("users of admin");
		for (String other : List.of("public", "partner", "ops", "boot")) {
			assertThat(get(other, "/users").statusCode()).as(other).isEqualTo(404);
		}
	}

	@Test
	void aPathMappedOnAnotherServerIsNotFoundHereWhateverTheMethod() throws Exception {
		for (String other : List.of("public", "partner", "ops", "boot")) {
			HttpRequest delete = HttpRequest.newBuilder(Clients.uri("127.0.0.1", port(other), "/users"))
				.DELETE()
				.timeout(Duration.ofSeconds(10))
				.build();
			assertThat(HTTP.send(delete, HttpResponse.BodyHandlers.discarding()).statusCode()).as(other)
				.isEqualTo(404);
		}
	}

	@Test
	void anAnnotatedMethodReplacesTheMappingOfAllServersOnItsOwn() throws Exception {
		assertThat(getAsRoot("admin", "/hello").body()).isEqualTo("private hello on admin");
		assertThat(get("partner", "/hello").body()).isEqualTo("private hello on partner");
		assertThat(get("public", "/hello").body()).isEqualTo("hello");
		assertThat(get("boot", "/hello").body()).isEqualTo("hello");
	}

	@Test
	void anAnnotatedRouterFunctionAnswersOnlyOnItsServer() {
		assertThat(get("partner", "/orders").body()).isEqualTo("orders of partner");
		for (String other : List.of("public", "ops", "boot")) {
			assertThat(get(other, "/orders").statusCode()).as(other).isEqualTo(404);
		}
	}

	@Test
	void whatIsNotAnnotatedIsServedEverywhereButOnAnAnnotatedOnlyServer() throws Exception {
		for (String server : List.of("public", "partner", "boot")) {
			assertThat(get(server, "/greeting").body()).as(server).isEqualTo("hello");
		}
		assertThat(getAsRoot("admin", "/greeting").body()).isEqualTo("hello");
		assertThat(get("ops", "/greeting").statusCode()).isEqualTo(404);
		assertThat(get("ops", "/hello").statusCode()).isEqualTo(404);
	}

	@Test
	void anAnnotatedFilterRunsOnlyOnItsServer() throws Exception {
		RoutingApplication.AdminFilter filter = context.getBean(RoutingApplication.AdminFilter.class);
		int before = filter.filtered.get();
		assertThat(getAsRoot("admin", "/greeting").headers().firstValue("X-Admin-Filter")).hasValue("ran");
		assertThat(filter.filtered.get()).isEqualTo(before + 1);
		assertThat(get("public", "/greeting").headers().firstValue("X-Admin-Filter")).isEmpty();
		assertThat(get("boot", "/greeting").headers().firstValue("X-Admin-Filter")).isEmpty();
		assertThat(filter.filtered.get()).isEqualTo(before + 1);
	}

	@Test
	void aSecurityChainAppliesToItsServerOnly() throws Exception {
		HttpResponse<String> anonymous = get("admin", "/greeting");
		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
				(challenge) -> assertThat(challenge).startsWith("Basic"));
		assertThat(getAsRoot("admin", "/greeting").statusCode()).isEqualTo(200);
		assertThat(get("public", "/greeting").statusCode()).isEqualTo(200);
	}

	@Test
	void theActuatorIsServedOnTheManagementServerOnly() throws Exception {
		HttpResponse<String> health = get("ops", "/actuator/health");
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(health.body()).contains("\"status\"");
		assertThat(get("public", "/actuator/health").statusCode()).isEqualTo(404);
		assertThat(get("partner", "/actuator").statusCode()).isEqualTo(404);
		assertThat(getAsRoot("admin", "/actuator/health").statusCode()).isEqualTo(404);
		assertThat(get("boot", "/actuator/health").statusCode()).isEqualTo(404);
	}

	@Test
	void aWebSocketHandlerUpgradesOnItsServerOnly() {
		List<String> echoed = new CopyOnWriteArrayList<>();
		webSocket("public").handle((inbound, outbound) -> outbound.sendString(Mono.just("ping"))
			.then()
			.thenMany(inbound.receive().asString().take(1).doOnNext(echoed::add)))
			.blockLast(Duration.ofSeconds(10));
		assertThat(echoed).containsExactly("echo ping");
		for (String other : List.of("partner", "boot")) {
			Integer status = reactor.netty.http.client.HttpClient.create()
				.get()
				.uri("http://127.0.0.1:" + port(other) + "/echo")
				.response()
				.map((response) -> response.status().code())
				.block(Duration.ofSeconds(10));
			assertThat(status).as(other).isEqualTo(404);
			assertThat(get(other, "/echo").statusCode()).as(other).isEqualTo(404);
		}
	}

	private static reactor.netty.http.client.HttpClient.WebsocketSender webSocket(String server) {
		return reactor.netty.http.client.HttpClient.create()
			.websocket(WebsocketClientSpec.builder().build())
			.uri(URI.create("ws://127.0.0.1:" + port(server) + "/echo"));
	}

}
