package dev.nettybind.config;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import io.netty.channel.Channel;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslHandler;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DeferredImportSelector;
import org.springframework.context.annotation.Import;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.util.ClassUtils;

import dev.nettybind.Clients;
import dev.nettybind.Processes;
import dev.nettybind.TestCertificates;
import dev.nettybind.TestCertificates.Issued;
import dev.nettybind.TestHandlers;
import dev.nettybind.server.BoundServer;
import dev.nettybind.server.ServerBinder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The optional dependencies that a {@code FilteredClassLoader} cannot hide, because
 * Netty or the starter look for them with their own class loader, once per JVM (see
 * {@link OptionalDependenciesTests}): each case runs in a JVM of its own whose class
 * path is the tests' without the jars, binds real servers on 127.0.0.1 and requests
 * them. The child JVM prints {@code result key=value} lines, checked here. Spring Web
 * is covered here too, beside the {@code FilteredClassLoader} test, to prove that no class
 * outside the guarded configuration needs it.
 */
class AbsentJarsTests {

	private static final Duration CHILD_TIMEOUT = Duration.ofSeconds(180);

	@Test
	void withNettyTcnativeSecureServersUseOpenSsl() {
		// The control for the case below: the same run with the full class path.
		Map<String, String> results = runChild("tls", List.of());
		assertThat(results).containsEntry("tcnative-present", "true")
			.containsEntry("openssl-available", "true")
			.containsEntry("status", "200");
		assertThat(results.get("engine")).contains("OpenSsl");
	}

	@Test
	void withoutNettyTcnativeSecureServersUseTheJdkProviderAndServeHttps() {
		Map<String, String> results = runChild("tls", List.of("netty-tcnative-"));
		assertThat(results).containsEntry("tcnative-present", "false")
			.containsEntry("openssl-available", "false")
			.containsEntry("status", "200");
		// Netty wraps the JDK's engine for ALPN: JdkAlpnSslEngine.
		assertThat(results.get("engine")).startsWith("io.netty.handler.ssl.Jdk").doesNotContain("OpenSsl");
	}

	@Test
	void withoutTheEpollNativeLibraryServersRunOnNio() {
		// netty-transport-classes-epoll stays, as on a system the native library is not
		// built for.
		assertRunsOnNio(runChild("transport", List.of("netty-transport-native-epoll-")));
	}

	@Test
	void withoutEpollAtAllServersRunOnNio() {
		// netty-transport-classes-epoll is an optional dependency of the starter.
		assertRunsOnNio(
				runChild("transport", List.of("netty-transport-native-epoll-", "netty-transport-classes-epoll-")));
	}

	private static void assertRunsOnNio(Map<String, String> results) {
		assertThat(results).containsEntry("epoll-available", "false")
			.containsEntry("transport", "nio")
			.containsEntry("served", "hello")
			.containsEntry("v6-only", "Server 'api' cannot set IPV6_V6ONLY: the NIO transport cannot. Add "
					+ "io.netty:netty-transport-native-epoll (classifier linux-x86_64) to the class path and leave "
					+ "'bind.event-loop.prefer-native' true, or set 'bind.servers.api.v6-only' to false.");
	}

	@Test
	void withoutSpringWebServersWithAHandlerBeanServeAndOthersFailWithTheDocumentedMessage() {
		Map<String, String> results = runChild("handlers", List.of("spring-web-", "spring-webflux-",
				"spring-boot-webflux-", "spring-boot-web-server-", "spring-boot-reactor-netty-",
				"spring-boot-starter-webflux-", "spring-boot-starter-reactor-netty-", "spring-boot-http-codec-"));
		assertThat(results).containsEntry("spring-web-present", "false")
			.containsEntry("webflux-handler", "false")
			.containsEntry("served", "hello")
			.containsEntry("without-handler", "Server 'web' names no handler, and the application has no WebFlux "
					+ "HttpHandler to serve. Set 'bind.servers.web.handler' to the name of a bean that is a "
					+ "BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> or a "
					+ "Consumer<HttpServerRoutes>, or make the application a reactive web application "
					+ "(spring-boot-starter-webflux).");
	}

	@Test
	void withoutMicrometerServersWithMetricsServe() {
		Map<String, String> results = runChild("metrics",
				List.of("micrometer-core-", "micrometer-jakarta9-", "micrometer-registry-"));
		assertThat(results).containsEntry("micrometer-present", "false")
			.containsEntry("meter-binder", "false")
			.containsEntry("served", "hello hello");
	}

	/**
	 * Run a case of {@link Child} in a JVM whose class path lacks the jars whose names
	 * start with any of the given prefixes.
	 */
	private static Map<String, String> runChild(String scenario, List<String> excludedJars) {
		String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		List<String> kept = new ArrayList<>();
		List<String> removed = new ArrayList<>();
		for (String entry : classPath.split(File.pathSeparator)) {
			String name = Paths.get(entry).getFileName().toString();
			(excludedJars.stream().anyMatch(name::startsWith) ? removed : kept).add(entry);
		}
		for (String prefix : excludedJars) {
			assertThat(removed).as("jars named " + prefix + "* in " + classPath)
				.anyMatch((entry) -> Paths.get(entry).getFileName().toString().startsWith(prefix));
		}
		List<String> command = List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				String.join(File.pathSeparator, kept), Child.class.getName(), scenario);
		Processes.Result result = Processes.run(command, CHILD_TIMEOUT);
		assertThat(result.exitCode()).as(result.output()).isZero();
		Map<String, String> results = new LinkedHashMap<>();
		result.output()
			.lines()
			.filter((line) -> line.startsWith("result "))
			.map((line) -> line.substring("result ".length()).split("=", 2))
			.forEach((pair) -> results.put(pair[0], pair[1]));
		assertThat(results).as(result.output()).isNotEmpty();
		return results;
	}

	/**
	 * The application of the child JVM.
	 */
	public static final class Child {

		private Child() {
		}

		public static void main(String[] args) throws Exception {
			switch (args[0]) {
				case "tls" -> tls();
				case "transport" -> transport();
				case "metrics" -> metrics();
				case "handlers" -> handlers();
				default -> throw new IllegalArgumentException(Arrays.toString(args));
			}
			// The event loops of Netty are not daemon threads.
			System.exit(0);
		}

		private static void tls() throws Exception {
			report("tcnative-present", present("io.netty.internal.tcnative.SSL"));
			report("openssl-available", OpenSsl.isAvailable());
			Issued ca = TestCertificates.ca("CN=Test CA, O=Example");
			Issued server = TestCertificates.server("CN=localhost, O=Example", ca);
			Path directory = Files.createTempDirectory("absent-jars");
			Path database = TestCertificates.keyStore()
				.key("server", server)
				.trusted("ca", ca.certificate())
				.writeTo(directory.resolve("database.p12"), "changeit");
			runner().withUserConfiguration(SslEngineHandler.class)
				.withPropertyValues("bind.certificate-database.location=file:" + database,
						"bind.certificate-database.password=changeit", "bind.servers.api.handler=sslEngine",
						"bind.servers.api.certificate-name=server")
				.run((context) -> {
					BoundServer api = context.getBean(BoundServer.class);
					HttpClient client = HttpClient.newBuilder()
						.sslContext(TestCertificates.clientContext(ca, null))
						.connectTimeout(Duration.ofSeconds(10))
						.build();
					HttpResponse<String> response = client.send(
							HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + api.port() + "/"))
								.timeout(Duration.ofSeconds(10))
								.build(),
							HttpResponse.BodyHandlers.ofString());
					report("status", response.statusCode());
					report("engine", response.body());
				});
			Files.walk(directory).sorted((a, b) -> b.compareTo(a)).forEach((path) -> path.toFile().delete());
		}

		private static void transport() {
			report("epoll-available", present("io.netty.channel.epoll.Epoll") && epollAvailable());
			runner().run((context) -> {
				report("transport", context.getBean(ServerBinder.class).transport());
				report("served", Clients.get("127.0.0.1", context.getBean(BoundServer.class).port(), "/").body());
			});
			runner().withPropertyValues("bind.servers.api.address=::1", "bind.servers.api.v6-only=true")
				.run((context) -> report("v6-only", rootCauseMessage(context.getStartupFailure())));
		}

		private static boolean epollAvailable() {
			return io.netty.channel.epoll.Epoll.isAvailable();
		}

		private static void metrics() {
			report("micrometer-present", present("io.micrometer.core.instrument.MeterRegistry"));
			runner().withPropertyValues("bind.servers.api.metrics=true").run((context) -> {
				report("meter-binder", context.containsBean("bindServersMeterBinder"));
				int port = context.getBean(BoundServer.class).port();
				report("served", Clients.get("127.0.0.1", port, "/").body() + " "
						+ Clients.get("127.0.0.1", port, "/").body());
			});
		}

		private static void handlers() {
			report("spring-web-present", present("org.springframework.http.server.reactive.HttpHandler"));
			runner().run((context) -> {
				report("webflux-handler", context.containsBean("webFluxApplicationHandler"));
				report("served", Clients.get("127.0.0.1", context.getBean(BoundServer.class).port(), "/").body());
			});
			runner().withPropertyValues("bind.servers.web.address=127.0.0.1", "bind.servers.web.port=0")
				.run((context) -> report("without-handler", rootCauseMessage(context.getStartupFailure())));
		}

		private static String rootCauseMessage(Throwable failure) {
			if (failure == null) {
				return "(started)";
			}
			while (failure.getCause() != null) {
				failure = failure.getCause();
			}
			return failure.getMessage();
		}

		private static ApplicationContextRunner runner() {
			return new ApplicationContextRunner()
				.withUserConfiguration(AutoConfigurationsByName.class, TestHandlers.class)
				.withPropertyValues("bind.servers.api.address=127.0.0.1", "bind.servers.api.port=0",
						"bind.servers.api.handler=hello");
		}

		private static boolean present(String className) {
			return ClassUtils.isPresent(className, Child.class.getClassLoader());
		}

		private static void report(String key, Object value) {
			System.out.println("result " + key + "=" + value);
		}

	}

	/**
	 * Imports the auto-configurations by name, as {@code @EnableAutoConfiguration} does:
	 * their conditions are read from the class files before the classes are loaded.
	 * {@code AutoConfigurations.of(Class...)} would load them first, and a class whose
	 * methods name a missing type then cannot be introspected, which no application
	 * would see.
	 */
	@Configuration(proxyBeanMethods = false)
	@Import(AutoConfigurationsByName.Selector.class)
	static class AutoConfigurationsByName {

		static class Selector implements DeferredImportSelector {

			@Override
			public String[] selectImports(AnnotationMetadata metadata) {
				return new String[] { "org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration",
						"dev.nettybind.config.BindServersAutoConfiguration",
						"dev.nettybind.actuate.BindServersActuatorAutoConfiguration",
						"dev.nettybind.actuate.BindServersMetricsAutoConfiguration" };
			}

		}

	}

	/**
	 * A handler that answers with the class of the {@code SSLEngine} of its connection.
	 */
	@Configuration(proxyBeanMethods = false)
	static class SslEngineHandler {

		@Bean
		BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> sslEngine() {
			return (request, response) -> {
				Channel[] channel = new Channel[1];
				request.withConnection((connection) -> channel[0] = connection.channel());
				SslHandler ssl = channel[0].pipeline().get(SslHandler.class);
				if (ssl == null && channel[0].parent() != null) {
					ssl = channel[0].parent().pipeline().get(SslHandler.class);
				}
				return response.sendString(Mono.just((ssl != null) ? ssl.engine().getClass().getName() : "none"));
			};
		}

	}

}
