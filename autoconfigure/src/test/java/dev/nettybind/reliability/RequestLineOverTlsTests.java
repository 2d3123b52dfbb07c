package dev.nettybind.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.nettybind.TestCertificates;
import dev.nettybind.TestCertificates.Issued;
import dev.nettybind.TestHandlers;
import dev.nettybind.config.BindServersAutoConfiguration;
import dev.nettybind.server.BoundServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The request line screen on HTTP/1.1 over TLS, where the codec is put in place after
 * the handshake (ALPN): the lines Netty's decoder would trim or split are refused too.
 */
class RequestLineOverTlsTests {

	@TempDir
	static Path directory;

	private static final Issued CA = TestCertificates.ca("CN=Request Line CA, O=Example");

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "FOO\u0001 /x HTTP/1.1", "GET\t/x HTTP/1.1", "GET /x\u0001y HTTP/1.1" })
	void requestLineIsRefusedOnASecureServer(String requestLine) {
		runner().run((context) -> {
			int port = context.getBean(BoundServer.class).port();
			assertThat(exchange(port, requestLine + "\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 400 ");
		});
	}

	@Test
	void wellFormedRequestLineIsServed() {
		runner().run((context) -> {
			int port = context.getBean(BoundServer.class).port();
			assertThat(exchange(port, "GET /x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
				.startsWith("HTTP/1.1 200 ")
				.endsWith("hello");
		});
	}

	private static ApplicationContextRunner runner() {
		Path database = TestCertificates.keyStore()
			.key("server", TestCertificates.server("CN=localhost, O=Example", CA))
			.trusted("ca", CA.certificate())
			.writeTo(directory.resolve("database.p12"), "changeit");
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(BindServersAutoConfiguration.class, SslAutoConfiguration.class))
			.withUserConfiguration(TestHandlers.class)
			.withPropertyValues("bind.certificate-database.location=file:" + database,
					"bind.certificate-database.password=changeit", "bind.servers.secure.certificate-name=server",
					"bind.servers.secure.handler=hello");
	}

	private static String exchange(int port, String request) throws IOException {
		try (SSLSocket socket = (SSLSocket) TestCertificates.clientContext(CA, null)
			.getSocketFactory()
			.createSocket("127.0.0.1", port)) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
			return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
		}
	}

}
