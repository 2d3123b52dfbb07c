package dev.nettybind.config;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.WebServer;
import org.springframework.http.server.reactive.HttpHandler;

/**
 * Stands in for Spring Boot's reactive web server factory when
 * {@code bind.replace-web-server} is true: the application context starts no server of
 * its own, since the servers of {@code bind.servers} serve the application. A
 * management context on its own port makes a new instance of this class, which is not
 * replaced, and so still gets a real Netty server.
 *
 * @author Netty Bind Starter contributors
 */
class ReplacedWebServerFactory extends NettyReactiveWebServerFactory {

	private final boolean replaced;

	ReplacedWebServerFactory() {
		this(false);
	}

	ReplacedWebServerFactory(boolean replaced) {
		this.replaced = replaced;
	}

	@Override
	public WebServer getWebServer(HttpHandler httpHandler) {
		return this.replaced ? new ReplacedWebServer() : super.getWebServer(httpHandler);
	}

	private static final class ReplacedWebServer implements WebServer {

		private static final Log logger = LogFactory.getLog(ReplacedWebServer.class);

		@Override
		public void start() {
			logger.info("Spring Boot's web server is replaced by the servers of bind.servers");
		}

		@Override
		public void stop() {
		}

		@Override
		public int getPort() {
			return -1;
		}

	}

}
