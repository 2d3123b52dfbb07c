package dev.nettybind.server;

import java.io.File;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import dev.nettybind.Clients;
import dev.nettybind.Processes;
import dev.nettybind.TestHandlers;
import dev.nettybind.config.BindServersAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Servers that take over a listening socket instead of binding one
 * ({@code inherit: systemd} or {@code inherit: fd:<n>}), started by
 * {@code systemd-socket-activate} as their real parent: it listens, and starts the
 * application when the first client connects, passing the sockets as descriptors 3 on.
 */
class InheritedSocketTests {

	private static final Duration CHILD_TIMEOUT = Duration.ofSeconds(90);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BindServersAutoConfiguration.class))
		.withUserConfiguration(TestHandlers.class);

	@TempDir
	Path directory;

	@Test
	void takesOverTheTcpAndUnixSocketsSystemdPassesAndServesTheConnectionsQueuedMeanwhile() throws Exception {
		int apiPort = Clients.freePort();
		int rawPort = Clients.freePort();
		Path local = this.directory.resolve("local.sock");
		Path output = this.directory.resolve("child.out");
		Process activator = start(output, List.of("systemd-socket-activate", "-l", "127.0.0.1:" + apiPort, "-l",
				local.toString(), "-l", "127.0.0.1:" + rawPort, "--fdname=api:local:raw"),
				List.of("--bind.servers.api.inherit=systemd", "--bind.servers.api.handler=hello",
						"--bind.servers.api.address=127.0.0.1", "--bind.servers.api.port=" + apiPort,
						"--bind.servers.local.inherit=systemd", "--bind.servers.local.handler=hello",
						"--bind.servers.local.address=unix:" + local, "--bind.servers.raw.inherit=fd:5",
						"--bind.servers.raw.handler=hello"));
		try {
			awaitListening(output, 3);
			// The first connection starts the application; the others wait in the accept queues meanwhile.
			CompletableFuture<Processes.Result> api = curl("http://127.0.0.1:" + apiPort + "/");
			await().atMost(CHILD_TIMEOUT).until(() -> read(output).contains("Execing"));
			CompletableFuture<Processes.Result> overUnix = curl("--unix-socket", local.toString(), "http://localhost/");
			CompletableFuture<Processes.Result> raw = curl("http://127.0.0.1:" + rawPort + "/");
			for (CompletableFuture<Processes.Result> answer : List.of(api, overUnix, raw)) {
				Processes.Result result = answer.get(CHILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
				assertThat(result.exitCode()).as(result.output() + read(output)).isZero();
				assertThat(result.output()).isEqualTo("hello");
			}
			assertThat(read(output)).contains("Server 'api' listening on 127.0.0.1:" + apiPort + " (inherited, http")
				.contains("Server 'local' listening on unix:" + local + " (inherited, http")
				.contains("Server 'raw' listening on 127.0.0.1:" + rawPort + " (inherited, http");
		}
		finally {
			destroyTree(activator);
		}
	}

	@Test
	void anInheritedSocketOtherThanTheConfiguredAddressAndPortFailsTheStartup() throws Exception {
		int port = Clients.freePort();
		int otherPort = Clients.freePort();
		Path output = this.directory.resolve("child.out");
		Process activator = start(output, List.of("systemd-socket-activate", "-l", "127.0.0.1:" + port, "--fdname=api"),
				List.of("--bind.servers.api.inherit=systemd", "--bind.servers.api.handler=hello",
						"--bind.servers.api.port=" + otherPort));
		try {
			awaitListening(output, 1);
			CompletableFuture<Processes.Result> refused = curl("http://127.0.0.1:" + port + "/");
			assertThat(activator.waitFor(CHILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
			assertThat(read(output)).contains("Server 'api' expects its socket at bind.servers.api.port " + otherPort
					+ ", but the inherited socket (bind.servers.api.inherit: systemd) listens on 127.0.0.1:" + port)
				.contains("Property: bind.servers.api.port");
			assertThat(refused.get(CHILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS).exitCode()).isNotZero();
		}
		finally {
			destroyTree(activator);
		}
	}

	@Test
	void aSocketOfTheWrongKindFailsTheStartup() throws Exception {
		int port = Clients.freePort();
		Path output = this.directory.resolve("child.out");
		Process activator = start(output,
				List.of("systemd-socket-activate", "--datagram", "-l", "127.0.0.1:" + port, "--fdname=api"),
				List.of("--bind.servers.api.inherit=systemd", "--bind.servers.api.handler=hello"));
		try (DatagramSocket client = new DatagramSocket()) {
			awaitListening(output, 1);
			byte[] datagram = "start".getBytes(StandardCharsets.US_ASCII);
			client.send(new DatagramPacket(datagram, datagram.length, InetAddress.getByName("127.0.0.1"), port));
			assertThat(activator.waitFor(CHILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
			assertThat(activator.exitValue()).isNotZero();
			assertThat(read(output)).contains("APPLICATION FAILED TO START")
				.contains("Server 'api' cannot take over descriptor 3: it is not a stream (TCP or Unix stream) socket.")
				.contains("Property: bind.servers.api.inherit")
				.contains("Pass a listening TCP or Unix stream socket as descriptor 3");
		}
		finally {
			destroyTree(activator);
		}
	}

	@Test
	void withoutSystemdTheStartupFailsNamingWhatIsMissing() {
		this.runner.withPropertyValues("bind.servers.api.inherit=systemd", "bind.servers.api.handler=hello")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("Server 'api' cannot take over a socket from systemd: systemd passed no socket "
						+ "to this process (LISTEN_FDS is unset)")
				.hasMessageContaining("Start the application from a systemd socket unit (or under "
						+ "systemd-socket-activate), or remove 'bind.servers.api.inherit' to bind a socket."));
	}

	@Test
	void aDescriptorThatIsNoSocketFailsTheStartup() {
		// Descriptor 0 of a test JVM is its standard input, a pipe or a file.
		this.runner.withPropertyValues("bind.servers.api.inherit=fd:0", "bind.servers.api.handler=hello")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("Server 'api' cannot take over descriptor 0: ")
				.hasStackTraceContaining("Socket operation on non-socket"));
	}

	@Test
	void theOptionsOfABindAreRefused() {
		this.runner
			.withPropertyValues("bind.servers.api.inherit=systemd", "bind.servers.api.backlog=128",
					"bind.servers.api.handler=hello")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("Server 'api' sets 'bind.servers.api.backlog', but takes over an inherited "
						+ "socket (bind.servers.api.inherit: systemd), bound already by its owner.")
				.hasMessageContaining("Remove 'bind.servers.api.backlog', or remove 'bind.servers.api.inherit' to "
						+ "bind a socket."));
		this.runner.withPropertyValues("bind.servers.api.inherit=socket-3", "bind.servers.api.handler=hello")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("must be systemd or fd: and a descriptor number, such as fd:3"));
	}

	private static Process start(Path output, List<String> activator, List<String> arguments) throws IOException {
		String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		List<String> command = new ArrayList<>(activator);
		command.addAll(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classPath,
				Child.class.getName()));
		command.addAll(arguments);
		return new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(output.toFile())
			.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
			.start();
	}

	/**
	 * Wait until systemd-socket-activate listens on every socket it was given: before,
	 * a connection would be refused and a datagram lost.
	 */
	private static void awaitListening(Path output, int sockets) {
		await().atMost(CHILD_TIMEOUT)
			.until(() -> read(output).lines().filter((line) -> line.startsWith("Listening on ")).count() == sockets);
	}

	private static CompletableFuture<Processes.Result> curl(String... arguments) {
		List<String> command = new ArrayList<>(List.of("curl", "-sS", "--max-time", "80"));
		command.addAll(List.of(arguments));
		return CompletableFuture.supplyAsync(() -> Processes.run(command, CHILD_TIMEOUT));
	}

	private static String read(Path output) throws IOException {
		return Files.exists(output) ? Files.readString(output, StandardCharsets.UTF_8) : "";
	}

	private static void destroyTree(Process process) throws InterruptedException {
		List<ProcessHandle> descendants = process.descendants().toList();
		process.destroyForcibly();
		descendants.forEach(ProcessHandle::destroyForcibly);
		process.waitFor(10, TimeUnit.SECONDS);
	}

	/**
	 * The application that {@code systemd-socket-activate} starts.
	 */
	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(BindServersAutoConfiguration.class)
	@Import(TestHandlers.class)
	public static class Child {

		public static void main(String[] args) {
			SpringApplication application = new SpringApplication(Child.class);
			application.setWebApplicationType(WebApplicationType.NONE);
			List<String> arguments = new ArrayList<>(List.of(args));
			arguments.add("--spring.main.banner-mode=off");
			try {
				application.run(arguments.toArray(String[]::new));
			}
			catch (RuntimeException ex) {
				// Reported by Boot already.
				System.exit(1);
			}
		}

	}

}
