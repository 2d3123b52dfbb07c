package dev.nettybind.connection;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RejectionLog}: every refusal is counted, and summed up in at most
 * one line a minute.
 */
@ExtendWith(OutputCaptureExtension.class)
class RejectionLogTests {

	private final TrafficCounts counts = new TrafficCounts();

	private final RejectionLog log = new RejectionLog("api", this.counts);

	@Test
	void firstRefusalIsLoggedAtOnceAndTheNextOnesOfTheMinuteAreOnlyCounted(CapturedOutput output) {
		this.log.rejected("tls-handshake");
		this.log.rejected("tls-handshake");
		this.log.rejected("body-too-large");
		assertThat(this.counts.rejections("tls-handshake")).isEqualTo(2);
		assertThat(this.counts.rejections("body-too-large")).isEqualTo(1);
		assertThat(output).containsOnlyOnce("refused")
			.contains("Server 'api' refused 1 client(s) since its last such line (tls-handshake: 1); at most one "
					+ "line a minute, each refusal is logged at DEBUG by 'dev.nettybind.connection' and counted in "
					+ "bind.server.rejected.");
	}

	@Test
	void summaryCountsOnlyTheReasonsSeenSinceTheLastOne(CapturedOutput output) {
		this.counts.rejected("malformed-request");
		this.counts.rejected("http2-protocol");
		this.counts.rejected("http2-protocol");
		this.log.rejected("body-timeout");
		assertThat(output).contains(
				"Server 'api' refused 4 client(s) since its last such line (malformed-request: 1, body-timeout: 1, "
						+ "http2-protocol: 2)");
	}

}
