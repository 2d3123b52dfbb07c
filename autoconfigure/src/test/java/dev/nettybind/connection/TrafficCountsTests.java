package dev.nettybind.connection;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TrafficCounts}: what a server's counters add up to.
 */
class TrafficCountsTests {

	private final TrafficCounts counts = new TrafficCounts();

	@Test
	void newCountsAreZero() {
		assertThat(this.counts.bytesReceived()).isZero();
		assertThat(this.counts.bytesSent()).isZero();
		assertThat(this.counts.statuses()).isEmpty();
		assertThat(this.counts.responses(200)).isZero();
		assertThat(this.counts.rejections("tls-handshake")).isZero();
	}

	@Test
	void bytesAreSummedPerDirection() {
		this.counts.received(10);
		this.counts.received(5);
		this.counts.sent(7);
		assertThat(this.counts.bytesReceived()).isEqualTo(15);
		assertThat(this.counts.bytesSent()).isEqualTo(7);
	}

	@Test
	void responsesAreCountedPerStatus() {
		this.counts.responded(200);
		this.counts.responded(200);
		this.counts.responded(200);
		this.counts.responded(404);
		assertThat(this.counts.responses(200)).isEqualTo(3);
		assertThat(this.counts.responses(404)).isEqualTo(1);
		assertThat(this.counts.responses(500)).isZero();
		assertThat(this.counts.statuses()).containsExactlyInAnyOrder(200, 404);
	}

	@Test
	void listenerHearsOfEachStatusOnceTheFirstTimeItIsSent() {
		List<Integer> heard = new ArrayList<>();
		this.counts.onNewStatus(heard::add);
		this.counts.responded(200);
		this.counts.responded(200);
		this.counts.responded(503);
		this.counts.responded(200);
		assertThat(heard).containsExactly(200, 503);
	}

	@Test
	void rejectionsAreCountedPerReason() {
		this.counts.rejected("tls-handshake");
		this.counts.rejected("tls-handshake");
		this.counts.rejected("body-too-large");
		assertThat(this.counts.rejections("tls-handshake")).isEqualTo(2);
		assertThat(this.counts.rejections("body-too-large")).isEqualTo(1);
		assertThat(this.counts.rejections("malformed-request")).isZero();
	}

	@Test
	void statusesAreACopy() {
		this.counts.responded(200);
		Set<Integer> statuses = this.counts.statuses();
		this.counts.responded(404);
		assertThat(statuses).containsExactly(200);
	}

}
