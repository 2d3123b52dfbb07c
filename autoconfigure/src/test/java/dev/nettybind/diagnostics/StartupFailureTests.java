package dev.nettybind.diagnostics;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import dev.nettybind.Clients;
import dev.nettybind.ExpectsErrorLog;
import dev.nettybind.TestHandlers;
import dev.nettybind.address.BindAddressResolver;
import dev.nettybind.config.BindServersAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * A bad configuration fails the startup of a real application with a report that names
 * the server, the property, the value and the fix, and releases every port.
 */
@ExpectsErrorLog("Spring Boot's failure report of each startup that fails on purpose")
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureTests {

	static Stream<Arguments> badConfigurations() {
		return Stream.of(
				Arguments.of("port -1", List.of("bind.servers.api.port=-1"),
						List.of("Server 'api' has an invalid value for 'bind.servers.api.port': must be between 0 and 65535",
								"Value:    \"-1\"", "Update 'bind.servers.api.port'")),
				Arguments.of("port 70000", List.of("bind.servers.api.port=70000"),
						List.of("Server 'api' has an invalid value for 'bind.servers.api.port'", "Value:    \"70000\"",
								"Update 'bind.servers.api.port': it must be between 0 and 65535")),
				Arguments.of("backlog -5", List.of("bind.servers.api.backlog=-5"),
						List.of("Server 'api' has an invalid value for 'bind.servers.api.backlog'", "Value:    \"-5\"",
								"Update 'bind.servers.api.backlog': it must be 0 (the system default) or more")),
				Arguments.of("blank address", List.of("bind.servers.api.address= "),
						List.of("Server 'api' has an invalid value for 'bind.servers.api.address': must not be blank",
								"Update 'bind.servers.api.address'")),
				Arguments.of("unknown host", List.of("bind.servers.api.address=no-such-host.invalid"),
						List.of("Server 'api' could not resolve its address 'no-such-host.invalid'",
								"Property: bind.servers.api.address", "Value:    no-such-host.invalid",
								"Origin:   \"bind.servers.api.address\" from property source \"commandLineArgs\"",
								"Use a host name that resolves")),
				Arguments.of("unknown handler bean", List.of("bind.servers.api.handler=nope"),
						List.of("Server 'api' names the handler bean 'nope', but there is no bean of that name",
								"Property: bind.servers.api.handler", "Define a bean named 'nope'")),
				Arguments.of("misspelled handler bean", List.of("bind.servers.api.handler=helo"),
						List.of("names the handler bean 'helo', but there is no bean of that name",
								"Did you mean 'hello'? Define a bean named 'helo'")),
				Arguments.of("bean that is not a handler", List.of("bind.servers.api.handler=notAHandler"),
						List.of("the handler bean 'notAHandler', but that bean is a java.lang.String",
								"Make the bean 'notAHandler'")),
				Arguments.of("v6-only on NIO",
						List.of("bind.event-loop.prefer-native=false", "bind.servers.api.address=ANY_IP_V6",
								"bind.servers.api.v6-only=true", "bind.servers.api.handler=hello"),
						List.of("Server 'api' cannot set IPV6_V6ONLY: the NIO transport cannot.",
								"Property: bind.servers.api.v6-only", "netty-transport-native-epoll")),
				Arguments.of("routes consumer of another type", List.of("bind.servers.api.handler=stringConsumer"),
						List.of("the handler bean 'stringConsumer', but that bean is a "
								+ "java.util.function.Consumer<java.lang.String>, not a handler")),
				Arguments.of("function of other types", List.of("bind.servers.api.handler=stringFunction"),
						List.of("but that bean is a java.util.function.BiFunction<java.lang.String, java.lang.String, "
								+ "java.lang.String>, not a handler")),
				Arguments.of("header size of zero",
						List.of("bind.servers.api.handler=hello", "bind.servers.api.limits.max-header-size=0"),
						List.of("Server 'api' has an invalid value for 'bind.servers.api.limits.max-header-size': must be "
								+ "at least 1B, or no request fits, for example 8KB", "Value:    \"0B\"")),
				Arguments.of("negative header timeout",
						List.of("bind.servers.api.handler=hello", "bind.servers.api.limits.header-timeout=-1s"),
						List.of("Server 'api' has an invalid value for 'bind.servers.api.limits.header-timeout': must be "
								+ "a positive duration, or 0 for no limit", "Value:    \"-1s\"")),
				Arguments.of("client certificate on a plain server",
						List.of("bind.servers.api.handler=hello", "bind.servers.api.require-client-certificate=true"),
						List.of("Server 'api' asks clients for a certificate, but is not secure",
								"Property: bind.servers.api.require-client-certificate",
								"Set 'bind.servers.api.certificate-name', or remove "
										+ "'bind.servers.api.require-client-certificate'")),
				Arguments.of("reuse-port on NIO",
						List.of("bind.event-loop.prefer-native=false", "bind.servers.api.reuse-port=true",
								"bind.servers.api.handler=hello"),
						List.of("Server 'api' cannot set SO_REUSEPORT: the NIO transport cannot.",
								"Property: bind.servers.api.reuse-port", "Value:    true",
								"netty-transport-native-epoll", "or set 'bind.servers.api.reuse-port' to false")),
				Arguments.of("http3",
						List.of("bind.servers.api.handler=hello", "bind.servers.api.protocols=http3"),
						List.of("Server 'api' asks for HTTP/3, which runs over QUIC (UDP)",
								"Property: bind.servers.api.protocols", "Value:    [HTTP3]",
								"Remove HTTP3 from 'bind.servers.api.protocols'.")),
				Arguments.of("zero concurrent streams",
						List.of("bind.servers.api.handler=hello", "bind.servers.api.limits.max-concurrent-streams=0"),
						List.of("Server 'api' has an invalid value for 'bind.servers.api.limits.max-concurrent-streams': "
								+ "must be 1 or more", "Value:    \"0\"",
								"Update 'bind.servers.api.limits.max-concurrent-streams': it must be 1 or more")),
				Arguments.of("negative event-loop threads",
						List.of("bind.servers.api.handler=hello", "bind.servers.api.event-loop-threads=-1"),
						List.of("Server 'api' has an invalid value for 'bind.servers.api.event-loop-threads': must be 0 "
								+ "(the application's event loops) or more", "Value:    \"-1\"",
								"Update 'bind.servers.api.event-loop-threads'")),
				Arguments.of("negative idle timeout",
						List.of("bind.servers.api.handler=hello", "bind.servers.api.limits.idle-timeout=-1s"),
						List.of("Server 'api' has an invalid value for 'bind.servers.api.limits.idle-timeout': must be "
								+ "a positive duration, or 0 for no limit", "Value:    \"-1s\"",
								"Update 'bind.servers.api.limits.idle-timeout'")),
				Arguments.of("negative read timeout",
						List.of("bind.servers.api.handler=hello", "bind.servers.api.limits.read-timeout=-5s"),
						List.of("Server 'api' has an invalid value for 'bind.servers.api.limits.read-timeout': must be "
								+ "a positive duration, or 0 for no limit", "Value:    \"-5s\"",
								"Update 'bind.servers.api.limits.read-timeout'")),
				Arguments.of("no handler at all", List.of("bind.servers.api.port=0"),
						List.of("Server 'api' names no handler, and the application has no WebFlux HttpHandler",
								"Value:    (not set)",
								"Set 'bind.servers.api.handler'")));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badConfigurations")
	void badConfigurationFailsWithItsOwnMessage(String name, List<String> properties, List<String> expected,
			CapturedOutput output) {
		assertThatException().isThrownBy(() -> run(properties));
		assertThat(output).contains("APPLICATION FAILED TO START");
		expected.forEach((fragment) -> assertThat(output).contains(fragment));
	}

	@Test
	void twoServersOnOnePortFailNamingBothAndReleaseThePort(CapturedOutput output) {
		int port = Clients.freePort();
		assertThatException().isThrownBy(() -> run(List.of("bind.servers.first.handler=hello",
				"bind.servers.first.port=" + port, "bind.servers.second.handler=hello",
				"bind.servers.second.port=" + port)));
		assertThat(output).contains("Server 'second' could not bind 127.0.0.1:" + port
				+ ": the address is already in use by server 'first' of this application")
			.contains("Property: bind.servers.second.port")
			.contains("set 'shared: true' on 'second' and on 'first'");
		assertThat(Clients.canBind("127.0.0.1", port)).isTrue();
	}

	@Test
	void sharedServerJoiningTheSocketOfANonSharedServerFailsNamingBothAndReleasesThePort(CapturedOutput output) {
		int port = Clients.freePort();
		assertThatException().isThrownBy(() -> run(List.of("bind.servers.first.handler=hello",
				"bind.servers.first.port=" + port, "bind.servers.second.handler=hello",
				"bind.servers.second.port=" + port, "bind.servers.second.shared=true")));
		assertThat(output).contains("Server 'second' could not bind 127.0.0.1:" + port
				+ ": the address is already in use by server 'first' of this application")
			.contains("Property: bind.servers.second.port")
			.contains("Value:    " + port)
			.contains("set 'shared: true' on 'first' to share one socket between them.");
		assertThat(Clients.canBind("127.0.0.1", port)).isTrue();
	}

	@Test
	void overlappingAddressNamesOnlyTheServerThatHoldsIt(CapturedOutput output) {
		int port = Clients.freePort();
		assertThatException().isThrownBy(() -> run(List.of("bind.servers.v6.handler=hello",
				"bind.servers.v6.address=::1", "bind.servers.v6.port=" + port, "bind.servers.elsewhere.handler=hello",
				"bind.servers.elsewhere.address=127.0.0.2", "bind.servers.elsewhere.port=" + port,
				"bind.servers.everywhere.handler=hello", "bind.servers.everywhere.address=ANY_IP_V4",
				"bind.servers.everywhere.port=" + port)));
		assertThat(output).contains("Server 'everywhere' could not bind 0.0.0.0:" + port
				+ ": the port is already in use by server 'elsewhere' of this application, on an address that "
				+ "overlaps this one.")
			.contains("or bind the same address as 'elsewhere'");
		assertThat(Clients.canBind("127.0.0.2", port)).isTrue();
	}

	@Test
	void portHeldByAnotherProcessFailsAndReleasesThePortsBoundBefore(CapturedOutput output) throws Exception {
		int bound = Clients.freePort();
		try (ServerSocket other = new ServerSocket()) {
			other.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
			int taken = other.getLocalPort();
			assertThatException().isThrownBy(() -> run(List.of("bind.servers.first.handler=hello",
					"bind.servers.first.port=" + bound, "bind.servers.second.handler=hello",
					"bind.servers.second.port=" + taken)));
			assertThat(output).contains("Server 'second' could not bind 127.0.0.1:" + taken
					+ ": the address is already in use by another process")
				.contains("Identify and stop the process that is listening on port " + taken);
		}
		assertThat(Clients.canBind("127.0.0.1", bound)).isTrue();
	}

	@Test
	void laterFailureReleasesThePortsBoundBefore(CapturedOutput output) {
		int bound = Clients.freePort();
		assertThatException().isThrownBy(() -> run(List.of("bind.servers.first.handler=hello",
				"bind.servers.first.port=" + bound, "bind.servers.second.handler=nope")));
		assertThat(output).contains("no bean of that name");
		assertThat(Clients.canBind("127.0.0.1", bound)).isTrue();
	}

	private static void run(List<String> properties) {
		SpringApplication application = new SpringApplication(FailingApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		List<String> args = new ArrayList<>();
		args.add("--spring.main.banner-mode=off");
		properties.forEach((property) -> args.add("--" + property));
		application.run(args.toArray(String[]::new)).close();
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(BindServersAutoConfiguration.class)
	@Import(TestHandlers.class)
	static class FailingApplication {

		/**
		 * Resolves no host name, so that the test of an unknown host sends no DNS query.
		 */
		@Bean
		BindAddressResolver offlineResolver() {
			return new BindAddressResolver((host) -> {
				throw new UnknownHostException(host + ": no lookup in this test");
			});
		}

		@Bean
		String notAHandler() {
			return "not a handler";
		}

		@Bean
		Consumer<String> stringConsumer() {
			return (text) -> {
			};
		}

		@Bean
		BiFunction<String, String, String> stringFunction() {
			return (a, b) -> a + b;
		}

	}

}
