package dev.nettybind.shared;

import java.net.BindException;
import java.net.InetAddress;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.nettybind.diagnostics.ServerSetupException;
import dev.nettybind.diagnostics.OptionNames;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A failed bind names the property to change. Binding a privileged port cannot fail in a
 * test run as root, so the failure is the one the JDK raises for it.
 */
class BindFailuresTests {

	@Test
	void portThisProcessMayNotBindNamesThePort() throws Exception {
		SocketRequest request = new SocketRequest(OptionNames.configured("web"), InetAddress.getByName("127.0.0.1"), 80,
				false, false, false, Distribution.ROUND_ROBIN, Map.of());
		ServerSetupException failure = BindFailures.cannotBind(request, new BindException("Permission denied"));
		assertThat(failure.getPropertyPath()).isEqualTo("bind.servers.web.port");
		assertThat(failure.getValue()).isEqualTo("80");
		assertThat(failure.getDescription()).isEqualTo("Server 'web' may not bind 127.0.0.1:80: Permission denied.");
		assertThat(failure.getAction()).contains("CAP_NET_BIND_SERVICE").contains("'bind.servers.web.port'");
	}

	@Test
	void otherFailuresNameTheAddress() throws Exception {
		SocketRequest request = new SocketRequest(OptionNames.configured("web"), InetAddress.getByName("127.0.0.1"), 8080,
				false, false, false, Distribution.ROUND_ROBIN, Map.of());
		ServerSetupException failure = BindFailures.cannotBind(request,
				new BindException("Cannot assign requested address"));
		assertThat(failure.getPropertyPath()).isEqualTo("bind.servers.web.address");
		assertThat(failure.getValue()).isEqualTo("127.0.0.1");
	}

	@Test
	void addressInUseIsAnIoFailureAmongTheCausesThatSaysSo() {
		assertThat(BindFailures.isAddressInUse(
				new IllegalStateException("bind failed", new BindException("Address already in use")))).isTrue();
		assertThat(BindFailures.isAddressInUse(new BindException("Cannot assign requested address"))).isFalse();
		assertThat(BindFailures.isAddressInUse(new IllegalStateException("Address already in use"))).isFalse();
		assertThat(BindFailures.isAddressInUse(new BindException())).isFalse();
	}

}
