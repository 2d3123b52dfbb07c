package dev.nettybind.aot;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.annotation.BeanFactoryAnnotationUtils;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.core.test.tools.CompileWithForkedClassLoader;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import dev.nettybind.Clients;
import dev.nettybind.RawHttpConnection;
import dev.nettybind.TestCertificates;
import dev.nettybind.TestCertificates.Issued;
import dev.nettybind.TestHandlers;
import dev.nettybind.actuate.BindServersActuatorAutoConfiguration;
import dev.nettybind.actuate.BindServersMetricsAutoConfiguration;
import dev.nettybind.config.BindProperties;
import dev.nettybind.config.BindServersAutoConfiguration;
import dev.nettybind.server.AtLeast;
import dev.nettybind.server.BindOptions;
import dev.nettybind.server.BoundServer;
import dev.nettybind.server.LocalBoundPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * The auto-configuration processed ahead of time, as {@code process-aot} processes an
 * application, and the processed application started from the generated code: its
 * servers bind real sockets on loopback and answer a real client.
 */
@CompileWithForkedClassLoader
class BoundServersAotTests {

	private static final String SERVER_DN = "CN=localhost, O=Example";

	@TempDir
	static Path certificates;

	static Issued ca;

	static Path database;

	@BeforeAll
	static void makeCertificates() {
		ca = TestCertificates.ca("CN=Test CA, O=Example");
		database = TestCertificates.keyStore()
			.key("server", TestCertificates.server(SERVER_DN, ca))
			.trusted("ca", ca.certificate())
			.writeTo(certificates.resolve("database.p12"), "changeit");
	}

	@Test
	void serversOfTheBuildBindServeAndInjectByName() throws Exception {
		int sharedPort = Clients.freePort();
		String[] properties = { "bind.servers.plain.handler=hello", "bind.servers.routes.handler=routes",
				"bind.servers.secure.handler=hello", "bind.servers.secure.certificate-name=server",
				"bind.certificate-database.location=file:" + database, "bind.certificate-database.password=changeit",
				"bind.servers.one.shared=true",
				"bind.servers.one.port=" + sharedPort, "bind.servers.one.handler=hello",
				"bind.servers.two.shared=true", "bind.servers.two.port=" + sharedPort,
				"bind.servers.two.handler=greeting" };
		ProcessedContext processed = ProcessedContext.process(InjectingApplication.class, environment(properties),
				classLoader());
		try (GenericApplicationContext context = processed.start(environment(properties))) {
			assertThat(context.getBeanNamesForType(BoundServer.class)).containsExactlyInAnyOrder("plainBoundServer",
					"routesBoundServer", "secureBoundServer", "oneBoundServer", "twoBoundServer");
			assertThat(Clients.get("127.0.0.1", port(context, "plain"), "/").body()).isEqualTo("hello");
			assertThat(Clients.get("127.0.0.1", port(context, "routes"), "/route").body()).isEqualTo("route");
			assertThat(https(port(context, "secure"), "/")).isEqualTo("hello");
			assertThat(port(context, "one")).isEqualTo(sharedPort);
			assertThat(port(context, "two")).isEqualTo(sharedPort);
			// Each connection goes to one of the servers sharing the socket.
			Set<String> answers = new HashSet<>();
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				answers.add(RawHttpConnection.getOnce("127.0.0.1", sharedPort, "/").body());
				assertThat(answers).containsExactlyInAnyOrder("hello", "greeting");
			});
			InjectedServers injected = context.getBean(InjectedServers.class);
			assertThat(injected.plain().name()).isEqualTo("plain");
			assertThat(injected.plain().port()).isEqualTo(port(context, "plain"));
			assertThat(injected.secure().isSecure()).isTrue();
			assertThat(injected.secure().certificate()).isNotNull();
		}
	}

	@Test
	void serversDeclaredOnlyAtRunTimeAreRegisteredAndBound() {
		ProcessedContext processed = ProcessedContext.process(ServersApplication.class,
				environment("bind.servers.plain.handler=hello", "bind.servers.secure.handler=hello"), classLoader());
		ConfigurableEnvironment environment = environment("bind.servers.plain.handler=hello");
		environment.getPropertySources()
			.addFirst(new SimpleCommandLinePropertySource("--bind.servers.argument.handler=routes"));
		environment.getPropertySources()
			.addLast(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					Map.of("BIND_SERVERS_VARIABLE_HANDLER", "greeting")));
		try (GenericApplicationContext context = processed.start(environment)) {
			// secure was declared at build time only: it is gone, its bean too.
			assertThat(context.getBeanNamesForType(BoundServer.class)).containsExactlyInAnyOrder("plainBoundServer",
					"argumentBoundServer", "variableBoundServer");
			assertThat(Clients.get("127.0.0.1", port(context, "argument"), "/route").body()).isEqualTo("route");
			assertThat(Clients.get("127.0.0.1", port(context, "variable"), "/").body()).isEqualTo("greeting");
			BoundServer variable = BeanFactoryAnnotationUtils.qualifiedBeanOfType(context.getBeanFactory(),
					BoundServer.class, "variable");
			assertThat(variable.port()).isEqualTo(port(context, "variable"));
			assertThat(variable.state()).isEqualTo(BoundServer.State.BOUND);
		}
	}

	@Test
	void serversDeclaredAtRunTimeFailWhenTheBuildHadNoServers() {
		ProcessedContext processed = ProcessedContext.process(ServersApplication.class, environment(), classLoader());
		assertThatIllegalStateException()
			.isThrownBy(() -> processed.start(environment("bind.servers.late.handler=hello")).close())
			.withMessageContaining("bind.servers declares 1 server(s) at run time")
			.withMessageContaining("processed ahead of time without the auto-configuration of bind.servers")
			.withMessageContaining("-Dspring.aot.enabled=true");
		try (GenericApplicationContext context = processed.start(environment())) {
			assertThat(context.getBeanNamesForType(BoundServer.class)).isEmpty();
		}
	}

	@Test
	void serversOfABuildThatExcludedTheAutoConfigurationAreIgnoredAtRunTimeAsOnTheJvm() {
		ProcessedContext processed = ProcessedContext.process(ServersApplication.class,
				environment("bind.servers.plain.handler=hello",
						"spring.autoconfigure.exclude=dev.nettybind.config.BindServersAutoConfiguration"),
				classLoader());
		try (GenericApplicationContext context = processed.start(environment("bind.servers.plain.handler=hello"))) {
			assertThat(context.getBeanNamesForType(BoundServer.class)).isEmpty();
		}
	}

	@Test
	void serversDisabledAtRunTimeFailWhenTheBuildHadThem() {
		ProcessedContext processed = ProcessedContext.process(ServersApplication.class,
				environment("bind.servers.plain.handler=hello"), classLoader());
		assertThatIllegalStateException()
			.isThrownBy(() -> processed.start(environment("bind.servers.plain.handler=hello", "bind.enabled=false"))
				.close())
			.withMessageContaining("bind.enabled is false")
			.withMessageContaining("[plain]");
	}

	@Test
	void runtimeHintsCoverWhatTheStarterReflectsOn() throws Exception {
		ProcessedContext processed = ProcessedContext.process(HintedApplication.class,
				environment("bind.servers.plain.handler=greeting"), classLoader());
		assertThat(RuntimeHintsPredicates.reflection()
			.onType(TypeReference.of("dev.nettybind.config.ConfiguredBoundServer"))
			.withMemberCategory(MemberCategory.INVOKE_DECLARED_CONSTRUCTORS)).accepts(processed.hints());
		// Binding bind.servers.<name>: registered by Spring Boot for @ConfigurationProperties.
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(BindOptions.class, "setPort"))
			.accepts(processed.hints());
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(BindProperties.Server.class, "setHandler"))
			.accepts(processed.hints());
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(BindOptions.Limits.class, "setMaxConnections"))
			.accepts(processed.hints());
		// Options are described field by field, through their getters.
		assertThat(RuntimeHintsPredicates.reflection().onFieldAccess(BindOptions.class, "port")).accepts(processed.hints());
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(BindOptions.class, "getPort"))
			.accepts(processed.hints());
		assertThat(RuntimeHintsPredicates.reflection().onFieldAccess(BindOptions.Limits.class, "maxConnections"))
			.accepts(processed.hints());
		for (Class<?> group : List.of(BindOptions.Compression.class, BindOptions.Forwarded.class)) {
			assertThat(RuntimeHintsPredicates.reflection().onType(group).withMemberCategory(
					MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS)).accepts(processed.hints());
		}
		assertThat(RuntimeHintsPredicates.reflection()
			.onType(AtLeast.DurationValidator.class)
			.withMemberCategory(MemberCategory.INVOKE_DECLARED_CONSTRUCTORS)).accepts(processed.hints());
		assertThat(RuntimeHintsPredicates.reflection().onType(Greeting.class)).accepts(processed.hints());
		assertThat(RuntimeHintsPredicates.reflection()
			.onFieldAccess(PortHolder.class.getDeclaredField("port"))).accepts(processed.hints());
		// The failure analyzers and the preinitializer of spring.factories.
		assertThat(RuntimeHintsPredicates.reflection()
			.onType(TypeReference.of("dev.nettybind.diagnostics.ServerSetupFailureAnalyzer"))
			.withMemberCategory(MemberCategory.INVOKE_DECLARED_CONSTRUCTORS)).accepts(processed.hints());
		assertThat(RuntimeHintsPredicates.reflection()
			.onType(TypeReference.of("dev.nettybind.server.NativeTransportBackgroundPreinitializer"))
			.withMemberCategory(MemberCategory.INVOKE_DECLARED_CONSTRUCTORS)).accepts(processed.hints());
	}

	@Test
	void processingSucceedsWithoutTheOptionalDependencies() {
		FilteredClassLoader withoutOptional = new FilteredClassLoader("org.springframework.boot.actuate",
				"io.micrometer", "io.netty.channel.epoll", "io.netty.internal.tcnative");
		ProcessedContext processed = ProcessedContext.process(ObservedApplication.class,
				environment("bind.servers.plain.handler=hello"), withoutOptional);
		assertThat(processed.sources().keySet()).noneMatch((path) -> path.contains("actuate"));
		try (GenericApplicationContext context = processed.start(environment("bind.servers.plain.handler=hello"))) {
			assertThat(Clients.get("127.0.0.1", port(context, "plain"), "/").body()).isEqualTo("hello");
		}
	}

	private static ClassLoader classLoader() {
		return BoundServersAotTests.class.getClassLoader();
	}

	private static ConfigurableEnvironment environment(String... properties) {
		Map<String, Object> values = new LinkedHashMap<>();
		for (String property : properties) {
			int equals = property.indexOf('=');
			values.put(property.substring(0, equals), property.substring(equals + 1));
		}
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
		environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
		environment.getPropertySources().addFirst(new MapPropertySource("test", values));
		return environment;
	}

	private static int port(GenericApplicationContext context, String server) {
		return context.getEnvironment().getRequiredProperty("local.bind." + server + ".port", Integer.class);
	}

	private static String https(int port, String path) throws Exception {
		HttpClient client = HttpClient.newBuilder()
			.sslContext(TestCertificates.clientContext(ca, null))
			.connectTimeout(Duration.ofSeconds(10))
			.build();
		HttpRequest request = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(10))
			.build();
		return client.send(request, HttpResponse.BodyHandlers.ofString()).body();
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ SslAutoConfiguration.class, BindServersAutoConfiguration.class })
	@Import(TestHandlers.class)
	static class ServersApplication {

		@Bean
		Greeting greeting() {
			return new Greeting();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Import(ServersApplication.class)
	static class InjectingApplication {

		@Bean
		InjectedServers injectedServers(@Qualifier("plain") BoundServer plain, @Qualifier("secure") BoundServer secure) {
			return new InjectedServers(plain, secure);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Import(ServersApplication.class)
	static class HintedApplication {

		@Bean
		PortHolder portHolder() {
			return new PortHolder();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ BindServersActuatorAutoConfiguration.class, BindServersMetricsAutoConfiguration.class })
	@Import(ServersApplication.class)
	static class ObservedApplication {

	}

	record InjectedServers(BoundServer plain, BoundServer secure) {

	}

	/**
	 * A handler of a class of its own, whose generic interface tells that it is one.
	 */
	static class Greeting implements BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> {

		@Override
		public Publisher<Void> apply(HttpServerRequest request, HttpServerResponse response) {
			return response.sendString(Mono.just("greeting"));
		}

	}

	static class PortHolder {

		@LocalBoundPort("plain")
		int port;

	}

}
