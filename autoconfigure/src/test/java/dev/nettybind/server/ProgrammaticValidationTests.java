package dev.nettybind.server;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.util.unit.DataSize;

import dev.nettybind.Clients;
import dev.nettybind.config.BindServersAutoConfiguration;
import dev.nettybind.diagnostics.ServerSetupException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A server bound from code is checked with the same constraints as one of
 * {@code bind.servers}, and its errors name the {@link BindOptions} method to change.
 */
class ProgrammaticValidationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BindServersAutoConfiguration.class))
		.withPropertyValues("bind.enabled=true");

	@Test
	void invalidOptionNamesTheMethodAndTheServerIsFailed() {
		this.runner.run((context) -> {
			ServerBinder binder = context.getBean(ServerBinder.class);
			assertThatExceptionOfType(ServerSetupException.class)
				.isThrownBy(() -> binder.bind("tenant", BindOptions.of("LOOPBACK_IP_V4", 0).backlog(-1),
						(request, response) -> response.send()))
				.satisfies((ex) -> {
					assertThat(ex.getServerName()).isEqualTo("tenant");
					assertThat(ex.getPropertyPath()).isEqualTo("BindOptions.backlog(..)");
					assertThat(ex.getValue()).isEqualTo(-1);
					assertThat(ex.getDescription()).isEqualTo("Server 'tenant' has an invalid value for "
							+ "'BindOptions.backlog(..)': must be 0 (the system default) or more.");
					assertThat(ex.getAction())
						.isEqualTo("Update 'BindOptions.backlog(..)': it must be 0 (the system default) or more.");
				});
			assertThat(binder.server("tenant").state()).isEqualTo(BoundServer.State.FAILED);
		});
	}

	@Test
	void invalidLimitNamesTheLimitsMethod() {
		this.runner.run((context) -> assertThatExceptionOfType(ServerSetupException.class)
			.isThrownBy(() -> context.getBean(ServerBinder.class)
				.bind("tenant",
						BindOptions.of("LOOPBACK_IP_V4", 0)
							.limits(new BindOptions.Limits().maxConnections(-1)),
						(request, response) -> response.send()))
			.withMessageContaining("'BindOptions.Limits.maxConnections(..)': must be 0 (no limit) or more"));
	}

	@Test
	void optionsThatContradictEachOtherAreRefusedAsForAConfiguredServer() {
		this.runner.run((context) -> assertThatExceptionOfType(ServerSetupException.class)
			.isThrownBy(() -> context.getBean(ServerBinder.class)
				.bind("tenant", BindOptions.of("LOOPBACK_IP_V4", 0).requireClientCertificate(true),
						(request, response) -> response.send()))
			.satisfies((ex) -> assertThat(ex.getAction()).isEqualTo(
					"Set 'BindOptions.certificateName(..)', or remove 'BindOptions.requireClientCertificate(..)'.")));
	}

	/**
	 * A body larger than the default limit of 16MB, which LimitsTests shows answered 413.
	 */
	@Test
	void zeroMaxBodySizeIsNoLimit() throws Exception {
		this.runner.run((context) -> {
			ServerBinder binder = context.getBean(ServerBinder.class);
			BoundServer unlimited = binder.bind("unlimited",
					BindOptions.of("LOOPBACK_IP_V4", 0).limits(new BindOptions.Limits().maxBodySize(DataSize.ofBytes(0))),
					(request, response) -> response.sendString(request.receive().aggregate().asString().map(String::length)
						.map(String::valueOf)));
			byte[] body = new byte[(int) DataSize.ofMegabytes(17).toBytes()];
			assertThat(post(unlimited.port(), body)).satisfies((response) -> {
				assertThat(response.statusCode()).isEqualTo(200);
				assertThat(response.body()).isEqualTo(String.valueOf(body.length));
			});
		});
	}

	private static HttpResponse<String> post(int port, byte[] body) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(Clients.uri("127.0.0.1", port, "/"))
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build();
		return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
	}

}
