package dev.nettybind.server;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.jspecify.annotations.Nullable;
import reactor.netty.http.HttpProtocol;

import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.util.InvalidMimeTypeException;
import org.springframework.util.MimeTypeUtils;
import org.springframework.util.StringUtils;

import dev.nettybind.address.BindAddressResolver;
import dev.nettybind.diagnostics.OptionNames;
import dev.nettybind.diagnostics.ServerSetupException;

/**
 * Checks the options of a server before it binds, the same way for a server of
 * {@code bind.servers} and for one bound from code: the Jakarta constraints of
 * {@link BindOptions}, then the rules that tie options together.
 *
 * @author Netty Bind Starter contributors
 */
final class BindOptionsValidation {

	/**
	 * A DNS name, or {@code *.} and a DNS name: what a client can ask for in SNI.
	 */
	private static final Pattern SNI_HOST = Pattern.compile(
			"(\\*\\.)?[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*",
			Pattern.CASE_INSENSITIVE);

	private final @Nullable Validator validator;

	/**
	 * Create a validation.
	 * @param validator the Jakarta validator, or {@code null} when no Bean Validation
	 * provider is on the class path; the rules that tie options together still apply
	 */
	BindOptionsValidation(@Nullable Validator validator) {
		this.validator = validator;
	}

	/**
	 * Check the Jakarta constraints of the options, then the rules that tie them
	 * together.
	 * @param names the name of the server, and how errors name its options
	 * @param options the options
	 * @throws ServerSetupException naming the first option at fault
	 */
	void validate(OptionNames names, BindOptions options) {
		if (this.validator != null) {
			checkConstraints(names, this.validator.validate(options));
		}
		checkRules(names, options);
	}

	/**
	 * Check only the rules that tie options together: for the options of a server of
	 * {@code bind.servers}, whose constraints Spring Boot checked when it bound them.
	 * @param names the name of the server, and how errors name its options
	 * @param options the options
	 * @throws ServerSetupException naming the first option at fault
	 */
	void checkRules(OptionNames names, BindOptions options) {
		checkSocketKind(names, options);
		checkClientCertificate(names, options);
		checkProtocols(names, options);
		checkSni(names, options);
		checkMimeTypes(names, options.getCompression());
		checkTrustedProxies(names, options.getForwarded());
		checkRedirect(names, options);
	}

	private static void checkConstraints(OptionNames names, Set<ConstraintViolation<BindOptions>> violations) {
		if (violations.isEmpty()) {
			return;
		}
		// The first in the order of the model, so that the report is the same every time.
		List<String> order = List.copyOf(OptionProperties.of(new BindOptions()).keySet());
		ConstraintViolation<BindOptions> first = violations.stream()
			.min(Comparator.comparingInt((violation) -> order.indexOf(option(violation))))
			.orElseThrow();
		throw ServerSetupException.invalidValue(names, option(first), first.getInvalidValue(), first.getMessage());
	}

	private static String option(ConstraintViolation<?> violation) {
		return DataObjectPropertyName.toDashedForm(violation.getPropertyPath().toString());
	}

	/**
	 * Refuse the options that a Unix domain socket or an inherited socket has no use
	 * for: they would be ignored silently.
	 */
	private static void checkSocketKind(OptionNames names, BindOptions options) {
		boolean unix = BindAddressResolver.unixSocketPath(names, options.getAddress()) != null;
		String inherit = options.getInherit();
		if (!unix && inherit == null) {
			if (options.getUnixSocketPermissions() != null) {
				throw unusedOption(names, "unix-socket-permissions", options.getUnixSocketPermissions(),
						"binds an IP socket, which has no file mode",
						"Set '" + names.of("address") + "' to unix:/path/to/socket, or remove '"
								+ names.of("unix-socket-permissions") + "'.");
			}
			return;
		}
		String kind = (inherit != null) ? "takes over an inherited socket (" + names.of("inherit") + ": " + inherit
				+ "), bound already by its owner" : "binds a Unix domain socket, which has no port";
		String alternative = (inherit != null) ? "remove '" + names.of("inherit") + "' to bind a socket"
				: "use an IP address in '" + names.of("address") + "'";
		Map<String, Object> refused = new LinkedHashMap<>();
		// An inherited socket is checked against its address and port instead.
		refused.put("port", (inherit == null && options.getPort() != 0) ? options.getPort() : null);
		refused.put("v6-only", options.isV6Only() ? true : null);
		refused.put("reuse-port", options.isReusePort() ? true : null);
		if (inherit != null) {
			refused.put("backlog", (options.getBacklog() != 0) ? options.getBacklog() : null);
			refused.put("unix-socket-permissions", options.getUnixSocketPermissions());
		}
		refused.forEach((option, value) -> {
			if (value != null) {
				throw unusedOption(names, option, value, kind,
						"Remove '" + names.of(option) + "', or " + alternative + ".");
			}
		});
	}

	private static ServerSetupException unusedOption(OptionNames names, String option, Object value, String kind,
			String action) {
		return new ServerSetupException(names.serverName(), names.of(option), value,
				"Server '" + names.serverName() + "' sets '" + names.of(option) + "', but " + kind + ".", action, null);
	}

	private static void checkClientCertificate(OptionNames names, BindOptions options) {
		if (options.secure()) {
			return;
		}
		String option = options.isRequireClientCertificate() ? "require-client-certificate"
				: options.isRequestClientCertificate() ? "request-client-certificate" : null;
		if (option != null) {
			throw new ServerSetupException(names.serverName(), names.of(option), true,
					"Server '" + names.serverName() + "' asks clients for a certificate, but is not secure: it has no '"
							+ names.of("certificate-name") + "'.",
					"Set '" + names.of("certificate-name") + "', or remove '" + names.of(option) + "'.", null);
		}
	}

	private static void checkSni(OptionNames names, BindOptions options) {
		String option = !options.getSni().isEmpty() ? "sni" : options.isSniStrict() ? "sni-strict" : null;
		if (option == null) {
			return;
		}
		if (!options.secure()) {
			throw new ServerSetupException(names.serverName(), names.of(option),
					option.equals("sni") ? options.getSni() : true,
					"Server '" + names.serverName() + "' picks certificates by host name, but is not secure: it has "
							+ "no '" + names.of("certificate-name") + "', the certificate of the other clients.",
					"Set '" + names.of("certificate-name") + "', or remove '" + names.of(option) + "'.", null);
		}
		options.getSni().forEach((host, certificateName) -> {
			if (!SNI_HOST.matcher(host).matches()) {
				throw ServerSetupException.invalidValue(names, "sni", options.getSni(),
						"must map host names, such as api.example.com, or wildcards of one label, written "
								+ "'[*.example.com]' in properties, but '" + host + "' is neither");
			}
			if (!StringUtils.hasText(certificateName)) {
				throw ServerSetupException.invalidValue(names, "sni", options.getSni(),
						"must map each host name to the alias or subject DN of a certificate, but '" + host
								+ "' has none");
			}
		});
	}

	private static void checkProtocols(OptionNames names, BindOptions options) {
		List<HttpProtocol> protocols = options.resolvedProtocols();
		String serverName = names.serverName();
		String property = names.of("protocols");
		if (protocols.contains(HttpProtocol.HTTP3)) {
			throw new ServerSetupException(serverName, property, protocols,
					"Server '" + serverName + "' asks for HTTP/3, which runs over QUIC (UDP), not over the TCP socket "
							+ "of a bound server.",
					"Remove HTTP3 from '" + property + "'.", null);
		}
		if (options.secure() && protocols.contains(HttpProtocol.H2C)) {
			throw new ServerSetupException(serverName, property, protocols,
					"Server '" + serverName + "' is secure but asks for H2C, HTTP/2 without TLS.",
					"Use H2 instead of H2C in '" + property + "'.", null);
		}
		if (!options.secure() && protocols.contains(HttpProtocol.H2)) {
			throw new ServerSetupException(serverName, property, protocols,
					"Server '" + serverName + "' asks for H2, HTTP/2 over TLS, but has no certificate.",
					"Use H2C for HTTP/2 without TLS in '" + property + "', or set '" + names.of("certificate-name")
							+ "'.",
					null);
		}
	}

	private static void checkMimeTypes(OptionNames names, BindOptions.Compression compression) {
		String property = names.of("compression.mime-types");
		for (String mimeType : compression.getMimeTypes()) {
			try {
				MimeTypeUtils.parseMimeType(mimeType);
			}
			catch (InvalidMimeTypeException ex) {
				throw new ServerSetupException(names.serverName(), property, compression.getMimeTypes(),
						"Server '" + names.serverName() + "' cannot compress '" + ex.getMimeType() + "': "
								+ ex.getMessage() + ".",
						"Use media types such as text/html or application/json in '" + property + "'.", ex);
			}
		}
	}

	private static void checkTrustedProxies(OptionNames names, BindOptions.Forwarded forwarded) {
		forwarded.getTrustedProxies().stream().filter((block) -> CidrBlock.parse(block) == null).findFirst()
			.ifPresent((block) -> {
				throw ServerSetupException.invalidValue(names, "forwarded.trusted-proxies",
						forwarded.getTrustedProxies(), "must be CIDR blocks of IP literals such as 10.0.0.0/8 or "
								+ "::1/128, but '" + block + "' is not");
			});
	}

	private static void checkRedirect(OptionNames names, BindOptions options) {
		String target = options.getRedirectTo();
		if (target == null) {
			return;
		}
		String property = names.of("redirect-to");
		if (target.isBlank()) {
			throw ServerSetupException.invalidValue(names, "redirect-to", target,
					"must be the name of a secure server of the application");
		}
		if (options.secure()) {
			throw new ServerSetupException(names.serverName(), property, target,
					"Server '" + names.serverName() + "' redirects to server '" + target + "', but is secure itself: "
							+ "only a plain server redirects to HTTPS.",
					"Remove '" + property + "', or remove '" + names.of("certificate-name") + "'.", null);
		}
	}

}
