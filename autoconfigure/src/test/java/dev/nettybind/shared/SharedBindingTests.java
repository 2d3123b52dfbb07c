package dev.nettybind.shared;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiFunction;

import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.nettybind.Clients;
import dev.nettybind.RawHttpConnection;
import dev.nettybind.RawHttpConnection.Response;
import dev.nettybind.server.BindOptions;
import dev.nettybind.config.BindServersAutoConfiguration;
import dev.nettybind.server.BoundServer;
import dev.nettybind.server.ServerBinder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Servers that share one listening socket, on real connections.
 */
class SharedBindingTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BindServersAutoConfiguration.class))
		.withUserConfiguration(NamedHandlers.class);

	@Test
	void fourMembersShareOnePortAndEachConnectionGoesToExactlyOne() {
		int port = Clients.freePort();
		this.runner.withPropertyValues(members(port, "m1", "m2", "m3", "m4")).run((context) -> {
			SharedBindingRegistry registry = context.getBean(SharedBindingRegistry.class);
			assertThat(registry.sockets()).singleElement()
				.satisfies((socket) -> assertThat(socket.serverNames()).containsExactly("m1", "m2", "m3", "m4"));
			Map<String, Integer> counts = requestOnNewConnections(port, 4000);
			// Round robin hands out the accepted connections in turn, whatever order they come in:
			// exactly a quarter each, where a random pick would be off by some.
			assertThat(counts).containsOnly(Map.entry("m1", 1000), Map.entry("m2", 1000), Map.entry("m3", 1000),
					Map.entry("m4", 1000));
			assertThat(context.getBeansOfType(BoundServer.class).values()).allSatisfy((server) -> assertThat(
					server.acceptedConnections()).isEqualTo(counts.get(server.name()).longValue()));
		});
	}

	@Test
	void closingOneMemberLosesNoRequestAndTheLastFreesThePort() {
		int port = Clients.freePort();
		this.runner.withPropertyValues(members(port, "m1", "m2", "m3")).run((context) -> {
			BoundServer m1 = context.getBean("m1BoundServer", BoundServer.class);
			AtomicBoolean stop = new AtomicBoolean();
			LongAdder served = new LongAdder();
			List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
			ExecutorService clients = Executors.newFixedThreadPool(4);
			try {
				for (int i = 0; i < 4; i++) {
					clients.submit(() -> {
						for (int n = 0; n < 5_000 && !stop.get(); n++) {
							try {
								Response response = RawHttpConnection.getOnce("127.0.0.1", port, "/");
								if (response.status() != 200) {
									failures.add(new IllegalStateException("status " + response.status()));
								}
								served.increment();
							}
							catch (IOException ex) {
								failures.add(ex);
							}
						}
					});
				}
				await().atMost(Duration.ofSeconds(30)).until(() -> served.sum() >= 200);
				m1.close();
				long servedWhenClosed = served.sum();
				await().atMost(Duration.ofSeconds(30)).until(() -> served.sum() >= servedWhenClosed + 200);
			}
			finally {
				stop.set(true);
				clients.shutdown();
				assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
			}
			assertThat(failures).isEmpty();
			assertThat(m1.state()).isEqualTo(BoundServer.State.CLOSED);
			Map<String, Integer> afterClose = requestOnNewConnections(port, 60);
			assertThat(afterClose).containsOnlyKeys("m2", "m3");
			context.getBean("m2BoundServer", BoundServer.class).close();
			assertThat(Clients.canBind("127.0.0.1", port)).isFalse();
			assertThat(requestOnNewConnections(port, 10)).containsOnlyKeys("m3");
			context.getBean("m3BoundServer", BoundServer.class).close();
			assertThat(Clients.canBind("127.0.0.1", port)).isTrue();
		});
	}

	@Test
	void socketIsUnboundOnceItsLastMemberLeaves() {
		int port = Clients.freePort();
		this.runner.withPropertyValues(members(port, "m1", "m2")).run((context) -> {
			SharedBindingRegistry registry = context.getBean(SharedBindingRegistry.class);
			BoundSocket socket = registry.sockets().get(0);
			assertThat(socket.isBound()).isTrue();
			context.getBean("m1BoundServer", BoundServer.class).close();
			assertThat(socket.isBound()).isTrue();
			context.getBean("m2BoundServer", BoundServer.class).close();
			assertThat(socket.isBound()).isFalse();
			assertThat(registry.sockets()).isEmpty();
		});
	}

	@Test
	void memberBoundAtRunTimeJoinsTheRotation() {
		this.runner.withPropertyValues("bind.servers.m1.shared=true", "bind.servers.m1.handler=m1").run((context) -> {
			int port = context.getBean(BoundServer.class).port();
			ServerBinder binder = context.getBean(ServerBinder.class);
			BoundServer runtime = binder.bind("runtime", BindOptions.of("LOOPBACK_IP_V4", port).shared(true),
					(request, response) -> response.sendString(Mono.just("runtime")));
			assertThat(runtime.port()).isEqualTo(port);
			assertThat(requestOnNewConnections(port, 20)).containsOnly(Map.entry("m1", 10), Map.entry("runtime", 10));
		});
	}

	@Test
	void sharedBindsOnPortZeroEachGetANewSocket() {
		this.runner.withPropertyValues("bind.servers.m1.shared=true", "bind.servers.m1.handler=m1",
				"bind.servers.m2.shared=true", "bind.servers.m2.handler=m2")
			.run((context) -> {
				int p1 = context.getBean("m1BoundServer", BoundServer.class).port();
				int p2 = context.getBean("m2BoundServer", BoundServer.class).port();
				assertThat(p1).isNotEqualTo(p2);
				assertThat(context.getBean(SharedBindingRegistry.class).sockets()).hasSize(2);
				assertThat(requestOnNewConnections(p1, 4)).containsOnlyKeys("m1");
				assertThat(requestOnNewConnections(p2, 4)).containsOnlyKeys("m2");
			});
	}

	@Test
	void leastConnectionsGivesANewConnectionToTheLeastBusyMember() {
		int port = Clients.freePort();
		this.runner.withPropertyValues(members(port, "m1", "m2"))
			.withPropertyValues("bind.servers.m1.distribution=least-connections",
					"bind.servers.m2.distribution=least-connections")
			.run((context) -> {
				// Connections are handed out when accepted: each is opened after the last one is served.
				try (RawHttpConnection first = RawHttpConnection.open("127.0.0.1", port);
						RawHttpConnection second = RawHttpConnection.open("127.0.0.1", port)) {
					String one = first.get("/", true).body();
					String two = second.get("/", true).body();
					assertThat(two).isNotEqualTo(one);
					first.close();
					BoundServer firstMember = context.getBean(one + "BoundServer", BoundServer.class);
					await().atMost(Duration.ofSeconds(10)).until(() -> firstMember.activeConnections() == 0);
					for (int i = 0; i < 3; i++) {
						// The first member has no connection, the other one: every new one goes to the first.
						try (RawHttpConnection next = RawHttpConnection.open("127.0.0.1", port)) {
							assertThat(next.get("/", true).body()).isEqualTo(one);
						}
						await().atMost(Duration.ofSeconds(10)).until(() -> firstMember.activeConnections() == 0);
					}
				}
			});
	}

	@Test
	void memberWithItsOwnEventLoopsDoesNotStallTheOthers() {
		int port = Clients.freePort();
		this.runner.withPropertyValues(members(port, "blocking", "m2"))
			.withPropertyValues("bind.servers.blocking.event-loop-threads=1")
			.run((context) -> {
				Blocker blocker = context.getBean(Blocker.class);
				ExecutorService client = Executors.newSingleThreadExecutor();
				try {
					Future<Response> blocked = client.submit(() -> RawHttpConnection.getOnce("127.0.0.1", port, "/"));
					assertThat(blocker.entered.await(10, TimeUnit.SECONDS)).as("the blocking handler was called")
						.isTrue();
					assertThat(RawHttpConnection.getOnce("127.0.0.1", port, "/").body()).isEqualTo("m2");
					assertThat(blocked.isDone()).isFalse();
					blocker.release.countDown();
					assertThat(blocked.get(10, TimeUnit.SECONDS).body()).isEqualTo("blocking");
				}
				finally {
					blocker.release.countDown();
					client.shutdownNow();
				}
			});
	}

	@Test
	void nonSharedServerCannotBindWhereASharedOneListens() {
		int port = Clients.freePort();
		this.runner.withPropertyValues(members(port, "m1"))
			.withPropertyValues("bind.servers.single.port=" + port, "bind.servers.single.handler=m2")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(AddressInUseException.class)
				.hasMessageContaining("Server 'single' could not bind 127.0.0.1:" + port)
				.hasMessageContaining("in use by server 'm1' of this application")
				.hasMessageContaining("the shared flag must be true"));
	}

	@Test
	void sharedServerWithAnotherV6OnlyCannotJoin() {
		int port = Clients.freePort();
		this.runner.withPropertyValues(members(port, "m1", "m2"))
			.withPropertyValues("bind.servers.m1.address=LOOPBACK_IP_V6", "bind.servers.m2.address=LOOPBACK_IP_V6",
					"bind.servers.m2.v6-only=true")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(SharedBindingConflictException.class)
				.hasMessageContaining("Server 'm2' cannot share [0:0:0:0:0:0:0:1]:" + port + " with 'm1'")
				.hasMessageContaining("its v6-only is true but the shared socket's is false"));
	}

	@Test
	void sharedServersMustAgreeOnTheBacklog() {
		int port = Clients.freePort();
		this.runner.withPropertyValues(members(port, "m1", "m2"))
			.withPropertyValues("bind.servers.m2.backlog=16")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(SharedBindingConflictException.class)
				.hasMessageContaining("its backlog is 16 but the shared socket's is 0")
				.hasMessageContaining("Set 'bind.servers.m2.backlog' to 0"));
	}

	@Test
	void sharedServersMustAgreeOnTheDistribution() {
		int port = Clients.freePort();
		this.runner.withPropertyValues(members(port, "m1", "m2"))
			.withPropertyValues("bind.servers.m2.distribution=least-connections")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(SharedBindingConflictException.class)
				.hasMessageContaining("its distribution is LEAST_CONNECTIONS but the shared socket's is ROUND_ROBIN"));
	}

	@Test
	void sharedServersMustAgreeOnTheProtocols() {
		int port = Clients.freePort();
		this.runner.withPropertyValues(members(port, "m1", "m2"))
			.withPropertyValues("bind.servers.m2.protocols=h2c,http11")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(SharedBindingConflictException.class)
				.hasMessageContaining("its protocols is [H2C, HTTP11] but the shared socket's is [HTTP11]"));
	}

	@Test
	void v6OnlyGroupAndIpv4ServerOnTheSamePortAreSeparateSockets() {
		int port = Clients.freePort();
		this.runner.withPropertyValues(members(port, "m1", "m2"))
			.withPropertyValues("bind.servers.m1.address=ANY_IP_V6", "bind.servers.m1.v6-only=true",
					"bind.servers.m2.address=ANY_IP_V6", "bind.servers.m2.v6-only=true",
					"bind.servers.v4.address=ANY_IP_V4", "bind.servers.v4.port=" + port, "bind.servers.v4.handler=v4")
			.run((context) -> {
				assertThat(context.getBean(SharedBindingRegistry.class).sockets()).hasSize(2);
				assertThat(RawHttpConnection.getOnce("127.0.0.1", port, "/").body()).isEqualTo("v4");
				assertThat(RawHttpConnection.getOnce("::1", port, "/").body()).isIn("m1", "m2");
			});
	}

	@Test
	void serversWithReusePortBindTheSamePortAndBothReceiveConnections() {
		int port = Clients.freePort();
		this.runner
			.withPropertyValues("bind.servers.m1.port=" + port, "bind.servers.m1.reuse-port=true",
					"bind.servers.m1.handler=m1", "bind.servers.m2.port=" + port, "bind.servers.m2.reuse-port=true",
					"bind.servers.m2.handler=m2")
			.run((context) -> {
				assertThat(context.getBean(SharedBindingRegistry.class).sockets()).hasSize(2);
				AtomicInteger attempts = new AtomicInteger();
				Map<String, Integer> counts = new ConcurrentHashMap<>();
				// The kernel hashes each connection's addresses: enough connections reach both.
				await().atMost(Duration.ofSeconds(30)).until(() -> {
					requestOnNewConnections(port, 20).forEach((name, n) -> counts.merge(name, n, Integer::sum));
					return counts.keySet().containsAll(List.of("m1", "m2")) || attempts.incrementAndGet() > 50;
				});
				assertThat(counts).containsOnlyKeys("m1", "m2");
			});
	}

	private static String[] members(int port, String... names) {
		List<String> properties = new ArrayList<>();
		for (String name : names) {
			properties.add("bind.servers." + name + ".port=" + port);
			properties.add("bind.servers." + name + ".shared=true");
			properties.add("bind.servers." + name + ".handler=" + name);
		}
		return properties.toArray(String[]::new);
	}

	static Map<String, Integer> requestOnNewConnections(int port, int connections) throws Exception {
		Map<String, Integer> counts = new ConcurrentHashMap<>();
		ExecutorService clients = Executors.newFixedThreadPool(8);
		try {
			List<Future<Response>> responses = new ArrayList<>();
			for (int i = 0; i < connections; i++) {
				responses.add(clients.submit(() -> RawHttpConnection.getOnce("127.0.0.1", port, "/")));
			}
			for (Future<Response> response : responses) {
				Response done = response.get(30, TimeUnit.SECONDS);
				assertThat(done.status()).isEqualTo(200);
				counts.merge(done.body(), 1, Integer::sum);
			}
		}
		finally {
			clients.shutdownNow();
		}
		return counts;
	}

	/**
	 * The latches of the {@code blocking} handler, one pair per context.
	 */
	static final class Blocker {

		final CountDownLatch entered = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

	}

	@Configuration(proxyBeanMethods = false)
	static class NamedHandlers {

		@Bean
		Blocker blocker() {
			return new Blocker();
		}

		@Bean
		BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> m1() {
			return named("m1");
		}

		@Bean
		BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> m2() {
			return named("m2");
		}

		@Bean
		BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> m3() {
			return named("m3");
		}

		@Bean
		BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> m4() {
			return named("m4");
		}

		@Bean
		BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> v4() {
			return named("v4");
		}

		@Bean
		BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> blocking(Blocker blocker) {
			return (request, response) -> {
				// Blocks its own event loop on purpose: the other member must still answer.
				blocker.entered.countDown();
				try {
					blocker.release.await(30, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				return response.sendString(Mono.just("blocking"));
			};
		}

		private static BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> named(String name) {
			return (request, response) -> response.sendString(Mono.just(name));
		}

	}

}
