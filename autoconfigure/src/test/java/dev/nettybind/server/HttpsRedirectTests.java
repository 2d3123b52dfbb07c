package dev.nettybind.server;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.nettybind.TestCertificates;
import dev.nettybind.TestCertificates.Issued;
import dev.nettybind.config.BindServersAutoConfiguration;
import dev.nettybind.diagnostics.ServerSetupException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code bind.servers.<name>.redirect-to} answers every request of a plain server with a
 * 308 to the same path and query on a secure server, at its actual port.
 */
@ExtendWith(OutputCaptureExtension.class)
class HttpsRedirectTests {

	@TempDir
	static Path directory;

	static Issued ca;

	static Path database;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BindServersAutoConfiguration.class, SslAutoConfiguration.class))
		.withUserConfiguration(Handlers.class)
		.withPropertyValues("bind.certificate-database.location=file:" + database,
				"bind.certificate-database.password=changeit");

	@BeforeAll
	static void makeCertificates() {
		ca = TestCertificates.ca("CN=Test CA, O=Example");
		database = TestCertificates.keyStore()
			.key("server", TestCertificates.server("CN=localhost, O=Example", ca))
			.writeTo(directory.resolve("database.p12"), "changeit");
	}

	@Test
	void plainServerRedirectsToTheActualPortOfASecureServerDeclaredAfterIt() {
		this.runner
			.withPropertyValues("bind.servers.web.redirect-to=secure", "bind.servers.secure.certificate-name=server",
					"bind.servers.secure.handler=hello")
			.run((context) -> {
				int plain = context.getBean("webBoundServer", BoundServer.class).port();
				int secure = context.getBean("secureBoundServer", BoundServer.class).port();
				HttpResponse<String> redirect = HttpClient.newBuilder()
					.followRedirects(HttpClient.Redirect.NEVER)
					.build()
					.send(HttpRequest.newBuilder(URI.create("http://localhost:" + plain + "/a/b%20c?x=1&y=%2F"))
						.build(), HttpResponse.BodyHandlers.ofString());
				assertThat(redirect.statusCode()).isEqualTo(308);
				String location = "https://localhost:" + secure + "/a/b%20c?x=1&y=%2F";
				assertThat(redirect.headers().firstValue("location")).hasValue(location);
				assertThat(redirect.headers().firstValue("content-length")).hasValue("0");
				assertThat(redirect.body()).isEmpty();
				HttpResponse<String> followed = HttpClient.newBuilder()
					.sslContext(TestCertificates.clientContext(ca, null))
					.build()
					.send(HttpRequest.newBuilder(URI.create(location)).build(), HttpResponse.BodyHandlers.ofString());
				assertThat(followed.statusCode()).isEqualTo(200);
				assertThat(followed.body()).isEqualTo("hello /a/b%20c?x=1&y=%2F");
			});
	}

	@Test
	void hostIsTheHostHeadersNameOnly() {
		this.runner
			.withPropertyValues("bind.servers.secure.certificate-name=server", "bind.servers.secure.handler=hello",
					"bind.servers.web.redirect-to=secure")
			.run((context) -> {
				int plain = context.getBean("webBoundServer", BoundServer.class).port();
				int secure = context.getBean("secureBoundServer", BoundServer.class).port();
				assertThat(exchange(plain, "example.com:8443", "/")).containsEntry("status", "308")
					.containsEntry("location", "https://example.com:" + secure + "/");
				assertThat(exchange(plain, "[::1]:80", "/p?q")).containsEntry("location",
						"https://[::1]:" + secure + "/p?q");
				assertThat(exchange(plain, "example.com", "http://other.example:81/p")).containsEntry("location",
						"https://example.com:" + secure + "/p");
				assertThat(exchange(plain, "example.com/evil", "/")).containsEntry("status", "400");
			});
	}

	@Test
	void programmaticServerRedirectsAndAnswers503WhileTheTargetIsNotBound() {
		this.runner
			.withPropertyValues("bind.servers.secure.certificate-name=server", "bind.servers.secure.handler=hello")
			.run((context) -> {
				ServerBinder binder = context.getBean(ServerBinder.class);
				BoundServer redirect = binder.bind("web", BindOptions.of("LOOPBACK_IP_V4", 0).redirectTo("secure"),
						new Handlers().hello());
				BoundServer secure = context.getBean("secureBoundServer", BoundServer.class);
				assertThat(exchange(redirect.port(), "localhost", "/")).containsEntry("status", "308")
					.containsEntry("location", "https://localhost:" + secure.port() + "/");
				secure.close();
				assertThat(exchange(redirect.port(), "localhost", "/")).containsEntry("status", "503");
			});
	}

	@Test
	void targetThatIsNoServerFailsNamingTheProperty() {
		this.runner.withPropertyValues("bind.servers.web.redirect-to=secure", "bind.servers.other.handler=hello")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(ServerSetupException.class)
				.hasMessageContaining("Server 'web' redirects to server 'secure', which is not a server")
				.hasMessageContaining("'bind.servers.web.redirect-to'"));
		this.runner.withPropertyValues("bind.enabled=true")
			.run((context) -> assertThatExceptionOfType(ServerSetupException.class)
				.isThrownBy(() -> context.getBean(ServerBinder.class)
					.bind("web", BindOptions.of("LOOPBACK_IP_V4", 0).redirectTo("secure"), new Handlers().hello()))
				.satisfies((ex) -> assertThat(ex.getPropertyPath()).isEqualTo("BindOptions.redirectTo(..)")));
	}

	@Test
	void targetThatIsNotSecureFailsBeforeAnyServerIsBound(CapturedOutput output) {
		this.runner.withPropertyValues("bind.servers.first.handler=hello", "bind.servers.web.redirect-to=plain",
				"bind.servers.plain.handler=hello")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(ServerSetupException.class)
				.hasMessageContaining("Server 'web' redirects to server 'plain', which is not secure")
				.hasMessageContaining("'bind.servers.web.redirect-to'"));
		assertThat(output).doesNotContain("listening on");
	}

	@Test
	void secureRedirectingServerFails() {
		this.runner
			.withPropertyValues("bind.servers.secure.certificate-name=server", "bind.servers.secure.handler=hello",
					"bind.servers.web.redirect-to=secure", "bind.servers.web.certificate-name=server")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(ServerSetupException.class)
				.hasMessageContaining("Server 'web' redirects to server 'secure', but is secure itself")
				.hasMessageContaining("'bind.servers.web.redirect-to'"));
	}

	@Test
	void redirectWithAHandlerFails() {
		this.runner
			.withPropertyValues("bind.servers.secure.certificate-name=server", "bind.servers.secure.handler=hello",
					"bind.servers.web.redirect-to=secure", "bind.servers.web.handler=hello")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(ServerSetupException.class)
				.hasMessageContaining("but also has the handler 'hello'")
				.hasMessageContaining("'bind.servers.web.redirect-to'"));
	}

	/**
	 * Send one request with the given Host header on a new connection.
	 * @return the status as {@code status} and the headers, by lower-case name
	 */
	private static Map<String, String> exchange(int port, String host, String target) throws IOException {
		try (Socket socket = new Socket()) {
			socket.setSoTimeout(10_000);
			socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
			socket.getOutputStream()
				.write(("GET " + target + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII));
			InputStream in = socket.getInputStream();
			String[] lines = new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\r\n");
			Map<String, String> response = new LinkedHashMap<>();
			response.put("status", lines[0].split(" ")[1]);
			for (int i = 1; i < lines.length && !lines[i].isEmpty(); i++) {
				int colon = lines[i].indexOf(':');
				String name = lines[i].substring(0, colon).toLowerCase(Locale.ROOT);
				response.put(name, lines[i].substring(colon + 1).strip());
			}
			return response;
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class Handlers {

		@Bean
		BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> hello() {
			return (request, response) -> response.sendString(Mono.just("hello " + request.uri()));
		}

	}

}
