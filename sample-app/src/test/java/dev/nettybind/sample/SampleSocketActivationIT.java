package dev.nettybind.sample;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample under {@code systemd-socket-activate}, systemd's own tool for socket
 * activation: it listens on the public port, starts the sample when the first client
 * connects, and passes the socket as descriptor 3, which the {@code public} server takes
 * over ({@code inherit: systemd}) instead of binding.
 */
class SampleSocketActivationIT {

	@Test
	void servesThePublicApiOnTheSocketSystemdPasses(@TempDir Path directory) throws Exception {
		Path jar = Paths.get(System.getProperty("sample.jar", "target/netty-bind-sample-app.jar")).toAbsolutePath();
		int port = freePort();
		int workersPort = freePort();
		Path log = jar.resolveSibling(getClass().getSimpleName() + ".log");
		try (SampleProcess sample = SampleProcess.start(
				List.of("systemd-socket-activate", "-l", "127.0.0.1:" + port, "--fdname=public"), jar, directory, log,
				List.of(),
				List.of("--bind.certificate-database.location=file:" + directory.resolve("certificates/certs.p12"),
						"--bind.servers.public.inherit=systemd", "--bind.servers.public.address=127.0.0.1",
						"--bind.servers.public.port=" + port, "--bind.servers.partner.port=0",
						"--bind.servers.partner-http.port=0", "--bind.servers.ops.port=0",
						"--bind.servers.local.address=unix:" + directory.resolve("public.sock"),
						"--bind.servers.worker-1.port=" + workersPort, "--bind.servers.worker-2.port=" + workersPort))) {
			await().atMost(Duration.ofSeconds(60)).until(() -> sample.log().contains("Listening on 127.0.0.1:" + port));
			// This first connection starts the application, and waits in the socket's queue meanwhile.
			try (Socket first = new Socket(InetAddress.getLoopbackAddress(), port)) {
				first.setSoTimeout((int) Duration.ofSeconds(120).toMillis());
				first.getOutputStream()
					.write("GET /hello?name=Ada HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
						.getBytes(StandardCharsets.US_ASCII));
				String response = new String(first.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
				assertThat(response).as(sample.log()).startsWith("HTTP/1.1 200 OK").endsWith("Hello, Ada!\n");
			}
			assertThat(sample.log()).contains("Server 'public' listening on 127.0.0.1:" + port + " (inherited, http");
			assertThat(Commands.run("curl", "-sS", "http://127.0.0.1:" + port + "/hello?name=Grace").output())
				.isEqualTo("Hello, Grace!\n");
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
