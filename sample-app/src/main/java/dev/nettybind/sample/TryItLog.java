package dev.nettybind.sample;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import dev.nettybind.server.BoundServer;
import dev.nettybind.server.ServerBinder;

/**
 * Once the application is ready, logs the commands that try each server, with the
 * ports actually bound: above all the admin server's, which is ephemeral, and the paths
 * of the demo certificates.
 *
 * @author Netty Bind Starter contributors
 */
@Component
public class TryItLog implements ApplicationListener<ApplicationReadyEvent> {

	private static final Log logger = LogFactory.getLog(TryItLog.class);

	private final ServerBinder binder;

	public TryItLog(ServerBinder binder) {
		this.binder = binder;
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		Environment environment = event.getApplicationContext().getEnvironment();
		List<String> commands = new ArrayList<>();
		BoundServer publicServer = bound("public");
		if (publicServer != null) {
			int port = publicServer.port();
			commands.add("curl 'http://localhost:" + port + "/hello?name=Ada'    # public: dual-stack, IPv4 and IPv6");
			commands.add("curl -6 'http://[::1]:" + port + "/notes'");
			commands.add("curl -H 'Content-Type: application/json' -d '{\"text\":\"buy milk\"}' http://127.0.0.1:"
					+ port + "/notes");
		}
		BoundServer local = bound("local");
		if (local != null && local.path() != null) {
			commands.add("curl --unix-socket " + local.path() + " 'http://localhost/hello?name=Ada'    # local: "
					+ "the public API on a Unix domain socket");
		}
		BoundServer admin = bound("admin");
		if (admin != null) {
			commands.add("curl " + url(admin) + "/stats    # admin: loopback only, ephemeral port " + admin.port());
		}
		BoundServer partner = bound("partner");
		DemoCertificateFiles files = DemoCertificateFiles
			.of(environment.getProperty("bind.certificate-database.location"))
			.orElse(null);
		if (partner != null && files != null) {
			commands.add("curl --cacert " + files.ca() + " --cert " + files.partnerCertificate() + " --key "
					+ files.partnerKey() + " https://localhost:" + partner.port() + "/    # partner: mutual TLS");
			commands.add("curl --cacert " + files.ca() + " https://localhost:" + partner.port()
					+ "/    # partner, without a client certificate");
			commands.add("curl --cacert " + files.ca() + " --cert " + files.partnerCertificate() + " --key "
					+ files.partnerKey() + " https://localhost:" + partner.port()
					+ "/orders    # partner: Spring Security, by certificate");
		}
		BoundServer worker = bound("worker-1");
		if (worker != null) {
			commands.add("for i in 1 2 3 4; do curl -s -H 'Connection: close' " + url(worker)
					+ "/; done    # workers: worker-1 and worker-2 share one socket");
		}
		BoundServer ops = bound("ops");
		if (ops != null) {
			commands.add("curl " + url(ops) + "/actuator/servers    # ops: the Actuator, loopback only");
		}
		logger.info("Netty Bind Sample is ready. Try:\n    " + String.join("\n    ", commands));
	}

	private BoundServer bound(String name) {
		BoundServer server = this.binder.server(name);
		return (server != null && server.state() == BoundServer.State.BOUND) ? server : null;
	}

	private static String url(BoundServer server) {
		InetAddress address = server.address();
		String host = (address == null || address.isAnyLocalAddress()) ? "localhost"
				: host(address.getHostAddress());
		return (server.isSecure() ? "https://" : "http://") + host + ":" + server.port();
	}

	private static String host(String address) {
		return address.contains(":") ? "[" + address + "]" : address;
	}

}
