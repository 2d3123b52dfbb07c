package dev.nettybind.sample;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * End to end: the sample's repackaged jar runs in a process of its own, as a user
 * starts it, on ports that collide with nothing (ephemeral ones, and a free port for the
 * workers, which must share a fixed one); curl, openssl and the JDK client drive every
 * server on loopback; then SIGTERM stops it, and it must drain and exit cleanly.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SampleApplicationIT {

	private static final String PARTNER = "CN=demo-partner,O=Netty Bind Sample Partner";

	private static final Set<String> SAMPLE_SERVERS = Set.of("public", "local", "partner-http", "admin", "partner",
			"ops", "worker-1", "worker-2");

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private Path directory;

	private SampleProcess sample;

	private DemoCertificateFiles certificates;

	private int workersPort;

	private Map<String, Integer> ports;

	private int opsPort;

	@BeforeAll
	void start(@TempDir Path directory) throws IOException {
		this.directory = directory;
		Path jar = Paths.get(System.getProperty("sample.jar", "target/netty-bind-sample-app.jar")).toAbsolutePath();
		assertThat(jar).as("the repackaged jar (run through mvn verify)").isRegularFile();
		this.certificates = DemoCertificateFiles.of("file:" + this.directory.resolve("certificates/certs.p12"))
			.orElseThrow();
		this.workersPort = freePort();
		List<String> arguments = new ArrayList<>(List.of(
				"--bind.certificate-database.location=file:" + this.certificates.database(),
				"--bind.servers.public.port=0", "--bind.servers.partner.port=0", "--bind.servers.partner-http.port=0",
				"--bind.servers.ops.port=0", "--bind.servers.local.address=unix:" + this.directory.resolve("public.sock"),
				"--bind.servers.worker-1.port=" + this.workersPort,
				"--bind.servers.worker-2.port=" + this.workersPort));
		arguments.addAll(arguments());
		// The log stays in target/ after the run, for whoever has to find out why it failed.
		this.sample = SampleProcess.start(jar, this.directory, jar.resolveSibling(getClass().getSimpleName() + ".log"),
				jvmArguments(), arguments);
		await().atMost(Duration.ofSeconds(120))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> !this.sample.isAlive() || this.sample.log().contains("Netty Bind Sample is ready"));
		assertThat(this.sample.isAlive()).as("the sample started:%n%s", this.sample.log()).isTrue();
		this.ports = this.sample.serverPorts();
		this.opsPort = this.ports.get("ops");
	}

	/**
	 * Return the arguments of the JVM that runs the jar.
	 * @return the arguments
	 */
	List<String> jvmArguments() {
		return List.of();
	}

	/**
	 * Return command-line arguments of the jar beside those that move its ports.
	 * @return the arguments
	 */
	List<String> arguments() {
		return List.of();
	}

	/**
	 * Return the names of the servers that the sample runs.
	 * @return the names
	 */
	Set<String> servers() {
		return SAMPLE_SERVERS;
	}

	/**
	 * Return the sample's log so far.
	 * @return the log
	 */
	String log() {
		return this.sample.log();
	}

	/**
	 * Return the port that a server listens on, as the starter logged it.
	 * @param server the server's name
	 * @return the port
	 */
	int port(String server) {
		return this.ports.get(server);
	}

	@AfterAll
	void kill() throws InterruptedException {
		if (this.sample != null) {
			this.sample.close();
		}
	}

	@Test
	@Order(1)
	void demoCertificatesAreMadeOnFirstRun() throws IOException {
		assertThat(this.sample.log()).contains("Made the demo certificate database " + this.certificates.database());
		assertThat(List.of(this.certificates.database(), this.certificates.ca(),
				this.certificates.partnerCertificate(), this.certificates.partnerKey()))
			.allSatisfy((file) -> assertThat(file).isRegularFile());
		assertThat(Files.getPosixFilePermissions(this.certificates.partnerKey()))
			.containsOnly(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
		// Every server is a bind server: Boot's own web server and management server do not start.
		assertThat(this.sample.log()).doesNotContain("Netty started on port");
		// The log gives the port of every server on a port: all but the one on a Unix domain socket.
		assertThat(this.ports).containsOnlyKeys(servers().stream().filter((name) -> !name.equals("local")).toList())
			.containsEntry("worker-1", this.workersPort)
			.containsEntry("worker-2", this.workersPort);
	}

	@Test
	@Order(2)
	void publicServesTheApplicationToIpv4AndIpv6Clients() throws Exception {
		int port = this.ports.get("public");
		assertThat(curl("http://127.0.0.1:" + port + "/hello?name=Ada").output()).isEqualTo("Hello, Ada!\n");
		assertThat(curl("http://[::1]:" + port + "/hello?name=Grace").output()).isEqualTo("Hello, Grace!\n");
		Commands.Result created = curl("-H", "Content-Type: application/json", "-d", "{\"text\":\"buy milk\"}", "-w",
				"\n%{http_code}", "http://[::1]:" + port + "/notes");
		assertThat(created.output()).contains("\"text\":\"buy milk\"").endsWith("\n201");
		Matcher id = Pattern.compile("\"id\":(\\d+)").matcher(created.output());
		assertThat(id.find()).isTrue();
		HttpResponse<String> note = get("127.0.0.1", port, "/notes/" + id.group(1));
		assertThat(note.statusCode()).isEqualTo(200);
		assertThat(note.body()).contains("\"text\":\"buy milk\"");
		assertThat(get("127.0.0.1", port, "/notes/0").statusCode()).isEqualTo(404);
		// The Actuator is on the ops server only, the admin operations on admin only.
		assertThat(get("127.0.0.1", port, "/actuator/health").statusCode()).isEqualTo(404);
		assertThat(get("127.0.0.1", port, "/stats").statusCode()).isEqualTo(404);
		// The access log of the public server, in the combined format.
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.sample.log()
				.contains("dev.nettybind.access.public") && this.sample.log().contains("\"GET /notes/0 HTTP/1.1\" 404"));
		assertThat(this.sample.log()).containsPattern(
				"127\\.0\\.0\\.1 - - \\[[^]]+\\] \"GET /hello\\?name=Ada HTTP/1\\.1\" 200 \\d+ \"-\" \"curl/");
	}

	@Test
	@Order(4)
	void partnerHttpRedirectsToThePartnerServer() {
		int port = this.ports.get("partner-http");
		assertThat(curl("-o", "/dev/null", "-w", "%{http_code} %{redirect_url}",
				"http://127.0.0.1:" + port + "/orders?since=1").output())
			.isEqualTo("308 https://127.0.0.1:" + this.ports.get("partner") + "/orders?since=1");
	}

	@Test
	@Order(4)
	void partnerPresentsItsSniCertificateToPartnerLocalhost() {
		int port = this.ports.get("partner");
		for (String name : List.of("partner.localhost", "api.partner.localhost")) {
			Commands.Result handshake = Commands.run("openssl", "s_client", "-connect", "127.0.0.1:" + port,
					"-servername", name, "-CAfile", this.certificates.ca().toString());
			assertThat(handshake.output()).as(name)
				.contains("subject=O = Netty Bind Sample, CN = partner.localhost")
				.contains("Verify return code: 0 (ok)");
		}
		// curl checks the name against the certificate it got; the name resolves to 127.0.0.1 here only.
		String ca = this.certificates.ca().toString();
		assertThat(curl("--resolve", "partner.localhost:" + port + ":127.0.0.1", "--cacert", ca, "--cert",
				this.certificates.partnerCertificate().toString(), "--key", this.certificates.partnerKey().toString(),
				"https://partner.localhost:" + port + "/").output()).isEqualTo("Hello, " + PARTNER + "!\n");
	}

	@Test
	@Order(3)
	void adminAnswersOnIpv4LoopbackOnly() {
		int port = this.ports.get("admin");
		assertThat(curl("http://127.0.0.1:" + port + "/stats").output()).contains("notes: ")
			.contains("public requests in flight: 0");
		Commands.Result ipv6 = curl("http://[::1]:" + port + "/stats");
		assertThat(ipv6.exitCode()).as(ipv6.output()).isEqualTo(7);
		assertThat(this.sample.log()).contains("curl http://127.0.0.1:" + port + "/stats");
		// Only what is annotated for it: neither the public API nor the Actuator.
		assertThat(curl("-o", "/dev/null", "-w", "%{http_code}", "http://127.0.0.1:" + port + "/hello").output())
			.isEqualTo("404");
		assertThat(curl("-o", "/dev/null", "-w", "%{http_code}", "http://127.0.0.1:" + port + "/actuator/health")
			.output()).isEqualTo("404");
	}

	@Test
	@Order(4)
	void partnerGreetsClientsByTheirVerifiedCertificate() {
		String url = "https://localhost:" + this.ports.get("partner") + "/";
		String ca = this.certificates.ca().toString();
		assertThat(curl("--cacert", ca, "--cert", this.certificates.partnerCertificate().toString(), "--key",
				this.certificates.partnerKey().toString(), url)
			.output()).isEqualTo("Hello, " + PARTNER + "!\n");
		assertThat(curl("--cacert", ca, "--cert", this.certificates.partnerCertificate().toString(), "--key",
				this.certificates.partnerKey().toString(), "https://[::1]:" + this.ports.get("partner") + "/")
			.output()).isEqualTo("Hello, " + PARTNER + "!\n");
		assertThat(curl("--cacert", ca, url).output()).isEqualTo("Hello, anonymous!\n");
		// Spring Security's chain for this server: /orders is for a partner known by its certificate.
		assertThat(curl("--cacert", ca, "--cert", this.certificates.partnerCertificate().toString(), "--key",
				this.certificates.partnerKey().toString(), url + "orders")
			.output()).isEqualTo("No orders yet for demo-partner.\n");
		assertThat(curl("--cacert", ca, "-o", "/dev/null", "-w", "%{http_code}", url + "orders").output())
			.isEqualTo("403");
		assertThat(curl("--cacert", ca, "-o", "/dev/null", "-w", "%{http_code}", url + "notes").output())
			.isEqualTo("404");
	}

	@Test
	@Order(5)
	void partnerRefusesACertificateFromAnUnknownCa() {
		DemoCertificates.Issued strangers = DemoCertificates.authority("CN=Unknown CA, O=Elsewhere");
		DemoCertificateFiles stranger = DemoCertificateFiles
			.of("file:" + this.directory.resolve("stranger/certs.p12"))
			.orElseThrow();
		DemoCertificates.Issued strangerServer = DemoCertificates.server("CN=localhost, O=Elsewhere", strangers);
		stranger.write(strangers, strangerServer, strangerServer,
				DemoCertificates.client("CN=mallory, O=Elsewhere", strangers), "PKCS12", "secret".toCharArray(),
				"secret".toCharArray());
		Commands.Result refused = curl("--cacert", this.certificates.ca().toString(), "--cert",
				stranger.partnerCertificate().toString(), "--key", stranger.partnerKey().toString(),
				"https://localhost:" + this.ports.get("partner") + "/");
		assertThat(refused.exitCode()).as(refused.output()).isNotZero();
		assertThat(refused.output()).doesNotContain("Hello");
	}

	@Test
	@Order(6)
	void opensslSeesTheCertificatePickedByDnAndTheRequestForAClientCertificate() throws IOException {
		String connect = "127.0.0.1:" + this.ports.get("partner");
		Commands.Result handshake = Commands.run("openssl", "s_client", "-connect", connect, "-servername",
				"localhost", "-CAfile", this.certificates.ca().toString());
		// openssl prints the attributes in the order they are encoded: O first.
		assertThat(handshake.output()).contains("subject=O = Netty Bind Sample, CN = localhost")
			.contains("Verify return code: 0 (ok)")
			.containsPattern(
					"Acceptable client certificate CA names\\s+O = Netty Bind Sample, CN = Netty Bind Sample Demo CA");
		Path request = this.directory.resolve("request.txt");
		Files.writeString(request, "GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
		Commands.Result exchange = Commands.run(request.toFile(), "openssl", "s_client", "-quiet", "-ign_eof",
				"-connect", connect, "-servername", "localhost", "-CAfile", this.certificates.ca().toString(),
				"-cert", this.certificates.partnerCertificate().toString(), "-key",
				this.certificates.partnerKey().toString());
		assertThat(exchange.output()).contains("HTTP/1.1 200 OK").contains("Hello, " + PARTNER + "!");
	}

	@Test
	@Order(7)
	void workersShareOneSocketAndEachConnectionGoesToOneOfThem() {
		String[] command = new String[44];
		List.of("curl", "-sS", "-H", "Connection: close").toArray(command);
		for (int i = 4; i < command.length; i++) {
			command[i] = "http://127.0.0.1:" + this.workersPort + "/";
		}
		Commands.Result result = Commands.run(command);
		assertThat(result.exitCode()).as(result.output()).isZero();
		List<String> answers = result.output().lines().toList();
		assertThat(answers).hasSize(40).containsOnly("worker-1", "worker-2");
		long first = answers.stream().filter("worker-1"::equals).count();
		assertThat(first).as("connections handed to worker-1 of 40, in turn").isBetween(10L, 30L);
	}

	@Test
	@Order(4)
	void localServesThePublicApiOnAUnixSocketOwnerAndGroupMayUse() throws IOException {
		Path socket = this.directory.resolve("public.sock");
		assertThat(curl("--unix-socket", socket.toString(), "http://localhost/hello?name=Ada").output())
			.isEqualTo("Hello, Ada!\n");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket))).isEqualTo("rw-rw----");
		assertThat(this.sample.log()).contains("Server 'local' listening on unix:" + socket + " (http")
			.contains("curl --unix-socket " + socket + " 'http://localhost/hello?name=Ada'");
	}

	@Test
	@Order(8)
	void serversEndpointMatchesWhatAnswered() throws Exception {
		DocumentContext servers = JsonPath.parse(ops("/actuator/servers").body());
		List<String> names = servers.read("$.servers[*].name");
		assertThat(names).containsExactlyInAnyOrderElementsOf(servers());
		for (String name : servers()) {
			// A server on a Unix domain socket has no port: -1.
			assertThat(server(servers, name, "port", Integer.class)).as(name)
				.isEqualTo(this.ports.getOrDefault(name, -1));
			assertThat(server(servers, name, "state", String.class)).as(name).isEqualTo("BOUND");
		}
		assertThat(server(servers, "public", "address", String.class)).isEqualTo("0:0:0:0:0:0:0:0");
		assertThat(server(servers, "public", "v6Only", Boolean.class)).isFalse();
		assertThat(server(servers, "admin", "address", String.class)).isEqualTo("127.0.0.1");
		assertThat(server(servers, "local", "path", String.class))
			.isEqualTo(this.directory.resolve("public.sock").toString());
		assertThat(server(servers, "admin", "requestedPort", Integer.class)).isZero();
		assertThat(server(servers, "partner", "secure", Boolean.class)).isTrue();
		assertThat(server(servers, "partner", "clientCertificate", String.class)).isEqualTo("REQUEST");
		assertThat(server(servers, "partner", "certificate.subject", String.class))
			.isEqualTo("CN=localhost,O=Netty Bind Sample");
		assertThat(server(servers, "worker-1", "shared.members", List.class))
			.containsExactlyInAnyOrder("worker-1", "worker-2");
		int handed = server(servers, "worker-1", "connections.accepted", Integer.class)
				+ server(servers, "worker-2", "connections.accepted", Integer.class);
		assertThat(handed).isGreaterThanOrEqualTo(40);
		// The ops server listens on IPv4 loopback only, too.
		assertThat(curl("http://[::1]:" + this.opsPort + "/actuator/health").exitCode()).isEqualTo(7);
	}

	@Test
	@Order(9)
	void healthInfoAndPrometheusAreOnTheOpsServer() throws Exception {
		DocumentContext health = JsonPath.parse(ops("/actuator/health").body());
		assertThat(health.read("$.status", String.class)).isEqualTo("UP");
		assertThat(health.read("$.components.bindServers.status", String.class)).isEqualTo("UP");
		assertThat(health.read("$.components.bindServers.details.admin.port", Integer.class))
			.isEqualTo(this.ports.get("admin"));
		assertThat(JsonPath.parse(ops("/actuator/info").body()).read("$.build.artifact", String.class))
			.isEqualTo("netty-bind-sample-app");
		String scrape = ops("/actuator/prometheus").body();
		assertThat(scrape).contains("bind_server_requests_total{server=\"public\"")
			.contains("bind_server_connections_active{server=\"worker-1\"")
			.contains("bind_server_connections_accepted_total{server=\"worker-2\"");
	}

	@Test
	@Order(10)
	void sigtermLetsTheRequestInFlightFinishThenClosesEveryServer() throws Exception {
		int publicPort = this.ports.get("public");
		CompletableFuture<HttpResponse<String>> slow = this.http.sendAsync(
				HttpRequest.newBuilder(uri("127.0.0.1", publicPort, "/hello?name=slow&delay=2s")).build(),
				HttpResponse.BodyHandlers.ofString());
		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> get("127.0.0.1", this.ports.get("admin"), "/stats").body()
				.contains("public requests in flight: 1"));
		int logBeforeShutdown = this.sample.log().length();
		this.sample.terminate();
		HttpResponse<String> response = slow.get(15, TimeUnit.SECONDS);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("Hello, slow!\n");
		int exitCode = this.sample.awaitExit(Duration.ofSeconds(30));
		String log = this.sample.log().substring(logBeforeShutdown);
		// The JVM exits with 128 + 15 when SIGTERM ends it, once the shutdown hooks have run.
		assertThat(exitCode).as(log).isEqualTo(143);
		for (String name : servers()) {
			assertThat(log).contains("Server '" + name + "' closed after");
		}
		assertThat(log).doesNotContain("open connection(s) when its shutdown timeout expired");
		assertThat(log).doesNotContain("Exception").doesNotContain(" ERROR ").doesNotContain(" WARN ");
		for (int port : this.ports.values()) {
			assertThat(refused(port)).as("port %d released", port).isTrue();
		}
	}

	private Commands.Result curl(String... arguments) {
		String[] command = new String[arguments.length + 5];
		command[0] = "curl";
		command[1] = "-sS";
		command[2] = "-g";
		command[3] = "--max-time";
		command[4] = "10";
		System.arraycopy(arguments, 0, command, 5, arguments.length);
		return Commands.run(command);
	}

	private HttpResponse<String> get(String host, int port, String path) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(uri(host, port, path)).timeout(Duration.ofSeconds(10)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> ops(String path) throws IOException, InterruptedException {
		HttpResponse<String> response = get("127.0.0.1", this.opsPort, path);
		assertThat(response.statusCode()).as(path).isEqualTo(200);
		return response;
	}

	@SuppressWarnings("unchecked")
	private static <T> T server(DocumentContext servers, String name, String path, Class<T> type) {
		List<T> values = servers.read("$.servers[?(@.name == '" + name + "')]." + path, List.class);
		assertThat(values).as(name + " " + path).hasSize(1);
		return type.cast(values.get(0));
	}

	private static URI uri(String host, int port, String path) {
		return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + path);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private static boolean refused(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
			return false;
		}
		catch (ConnectException ex) {
			return true;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
