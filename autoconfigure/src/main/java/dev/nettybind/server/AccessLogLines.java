package dev.nettybind.server;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.netty.Connection;
import reactor.netty.http.server.ConnectionInformation;
import reactor.netty.http.server.logging.AccessLog;
import reactor.netty.http.server.logging.AccessLogArgProvider;
import reactor.netty.http.server.logging.AccessLogFactory;

import dev.nettybind.connection.LogSafe;
import dev.nettybind.connection.SocketMember;

/**
 * Writes the access log of one socket: a line per answered request, in the configured
 * format, to the logger {@code dev.nettybind.access.<server name>} of the server that
 * owns the connection (a shared socket serves several). Nothing is formatted when that
 * logger is off for INFO.
 *
 * @author Netty Bind Starter contributors
 */
final class AccessLogLines implements AccessLogFactory {

	private static final String LOGGER_PREFIX = "dev.nettybind.access.";

	private final BindOptions.AccessLog.Format format;

	private final String socketServerName;

	private final Map<String, Log> loggers = new ConcurrentHashMap<>();

	/**
	 * Create the access log of a socket.
	 * @param format the format of a line
	 * @param socketServerName the server that binds the socket, the name of the lines of
	 * a connection no member claims
	 */
	AccessLogLines(BindOptions.AccessLog.Format format, String socketServerName) {
		this.format = format;
		this.socketServerName = socketServerName;
	}

	@Override
	public @Nullable AccessLog apply(AccessLogArgProvider request) {
		String serverName = serverName(request);
		Log logger = this.loggers.computeIfAbsent(serverName, (name) -> LogFactory.getLog(LOGGER_PREFIX + name));
		if (!logger.isInfoEnabled()) {
			return null;
		}
		String line = switch (this.format) {
			case COMMON -> common(request).toString();
			case COMBINED -> common(request).append(" \"")
				.append(quoted(request.requestHeader("Referer")))
				.append("\" \"")
				.append(quoted(request.requestHeader("User-Agent")))
				.append('"')
				.toString();
			case JSON -> json(serverName, request);
		};
		return new Line(logger, line);
	}

	/**
	 * Return the server whose member owns the request's connection: Reactor Netty hands
	 * the connection of the request as its connection information.
	 */
	private String serverName(AccessLogArgProvider request) {
		if (request.connectionInformation() instanceof Connection connection) {
			SocketMember member = SocketMember.of(connection.channel());
			if (member != null) {
				return member.name();
			}
		}
		return this.socketServerName;
	}

	private static StringBuilder common(AccessLogArgProvider request) {
		return new StringBuilder(128).append(host(remoteAddress(request)))
			.append(" - ")
			.append(quoted(request.user()))
			.append(" [")
			.append(request.zonedDateTime())
			.append("] \"")
			.append(quoted(request.method()))
			.append(' ')
			.append(quoted(request.uri()))
			.append(' ')
			.append(quoted(request.protocol()))
			.append("\" ")
			.append(request.status())
			.append(' ')
			.append((request.contentLength() > 0) ? Long.toString(request.contentLength()) : "-");
	}

	private static String json(String serverName, AccessLogArgProvider request) {
		StringBuilder json = new StringBuilder(256).append('{');
		field(json, "time", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(request.accessDateTime())).append(',');
		field(json, "server", serverName).append(',');
		field(json, "remote", host(remoteAddress(request))).append(',');
		field(json, "method", request.method()).append(',');
		field(json, "uri", request.uri()).append(',');
		field(json, "protocol", request.protocol()).append(',');
		json.append("\"status\":").append(request.status()).append(',');
		json.append("\"bytes\":").append(Math.max(0, request.contentLength())).append(',');
		json.append("\"duration_ms\":").append(request.duration()).append(',');
		field(json, "referer", request.requestHeader("Referer")).append(',');
		field(json, "user_agent", request.requestHeader("User-Agent"));
		return json.append('}').toString();
	}

	/**
	 * Return the client's address as the handler sees it: Reactor Netty's own argument is
	 * the peer of the connection, a proxy behind the PROXY protocol.
	 */
	private static @Nullable SocketAddress remoteAddress(AccessLogArgProvider request) {
		ConnectionInformation information = request.connectionInformation();
		return (information != null) ? information.remoteAddress() : request.remoteAddress();
	}

	private static String host(@Nullable SocketAddress address) {
		if (address instanceof InetSocketAddress inet) {
			return LogSafe.escape(inet.getHostString());
		}
		return (address != null) ? LogSafe.escape(address.toString()) : "-";
	}

	/**
	 * Return a value for a quoted field of the Common Log Format: escaped, a quote as
	 * {@code \"}, as Apache httpd writes it; {@code -} if absent.
	 */
	private static String quoted(@Nullable CharSequence value) {
		if (value == null || value.isEmpty()) {
			return "-";
		}
		String escaped = LogSafe.escape(value);
		return (escaped.indexOf('"') >= 0) ? escaped.replace("\"", "\\\"") : escaped;
	}

	private static StringBuilder field(StringBuilder json, String name, @Nullable CharSequence value) {
		json.append('"').append(name).append("\":");
		if (value == null) {
			return json.append("null");
		}
		json.append('"');
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '"' || c == '\\') {
				json.append('\\').append(c);
			}
			else if (LogSafe.needsEscape(c)) {
				json.append(String.format("\\u%04x", (int) c));
			}
			else {
				json.append(c);
			}
		}
		return json.append('"');
	}

	private static final class Line extends AccessLog {

		private final Log logger;

		private final String line;

		Line(Log logger, String line) {
			super(line);
			this.logger = logger;
			this.line = line;
		}

		@Override
		protected void log() {
			this.logger.info(this.line);
		}

	}

}
