package dev.nettybind.tls;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.StandardConstants;

import io.netty.handler.codec.http2.Http2SecurityUtil;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.netty.http.Http11SslContextSpec;
import reactor.netty.http.Http2SslContextSpec;
import reactor.netty.http.server.HttpServer;
import reactor.netty.tcp.AbstractProtocolSslContextSpec;
import reactor.netty.tcp.SslProvider;

import org.springframework.boot.ssl.SslOptions;

import dev.nettybind.diagnostics.OptionNames;
import dev.nettybind.diagnostics.ServerSetupException;

/**
 * The TLS side of one secure socket: the certificates picked from the database by name
 * (the default one, and one per host name a client may ask for with SNI), the
 * client-certificate mode, the ciphers and protocols of the database's SSL bundle,
 * and the Reactor Netty {@link SslProvider} built from them. When the database is
 * reloaded, new connections get the new certificate.
 *
 * @author Netty Bind Starter contributors
 * @since 0.1.0
 */
public final class ServerTls implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(ServerTls.class);

	private static final String[] PROTOCOLS = { "TLSv1.3", "TLSv1.2" };

	private final CertificateDatabase database;

	private final OptionNames names;

	private final String certificateName;

	private final Map<String, String> sni;

	private final boolean sniStrict;

	private final ClientCertificateMode clientCertificateMode;

	private final boolean http2;

	private final Runnable stopListening;

	private volatile Selected selected;

	private ServerTls(CertificateDatabase database, OptionNames names, String certificateName, Map<String, String> sni,
			boolean sniStrict, ClientCertificateMode clientCertificateMode, boolean http2) {
		this.database = database;
		this.names = names;
		this.certificateName = certificateName;
		this.sni = Map.copyOf(sni);
		this.sniStrict = sniStrict;
		this.clientCertificateMode = clientCertificateMode;
		this.http2 = http2;
		// Listening before reading: stores() waits for a reload under way, so none is missed.
		this.stopListening = database.onReload(this::reselect);
		try {
			this.selected = select(database.stores());
		}
		catch (RuntimeException ex) {
			this.stopListening.run();
			throw ex;
		}
	}

	/**
	 * Pick the certificates of a secure server from the database and build its TLS
	 * configuration.
	 * @param database the certificate database
	 * @param names the names of the server and of its options, for errors
	 * @param certificateName the alias or subject DN of the default certificate
	 * @param sni the alias or subject DN of a certificate by the host name (or
	 * {@code *.domain} wildcard) that a client asks for
	 * @param sniStrict whether a client that asks for a host name that neither
	 * {@code sni} nor the default certificate covers is refused
	 * @param clientCertificateMode whether clients are asked for a certificate
	 * @param http2 whether ALPN offers {@code h2} besides {@code http/1.1}
	 * @return the TLS configuration
	 * @throws ServerSetupException if a certificate or the trust anchors cannot be read
	 * or used
	 */
	public static ServerTls create(CertificateDatabase database, OptionNames names, String certificateName,
			Map<String, String> sni, boolean sniStrict, ClientCertificateMode clientCertificateMode, boolean http2) {
		String serverName = names.serverName();
		try {
			return new ServerTls(database, names, certificateName, sni, sniStrict, clientCertificateMode, http2);
		}
		catch (CertificateDatabaseException ex) {
			// The database itself, read before any certificate is picked.
			throw cannotUse(serverName, names.of("certificate-name"), certificateName, ex);
		}
		catch (NamedCertificateException ex) {
			if (ex.cause != null) {
				throw cannotUse(serverName, ex.property, ex.certificateName, ex.cause);
			}
			// For example a secret-key entry by that name, or a key the TLS provider refuses.
			throw new ServerSetupException(serverName, ex.property, ex.certificateName,
					"Server '" + serverName + "' cannot use the certificate '" + ex.certificateName + "' of "
							+ database.description() + ": " + ex.getCause() + ".",
					"Name a private key entry with its certificate chain (keytool -list -v shows the entries), or "
							+ "replace the entry '" + ex.certificateName + "'.",
					ex.getCause());
		}
	}

	private static ServerSetupException cannotUse(String serverName, String property, String certificateName,
			CertificateDatabaseException ex) {
		return new ServerSetupException(serverName, (ex.getProperty() != null) ? ex.getProperty() : property,
				(ex.getProperty() != null) ? ex.getValue() : certificateName,
				"Server '" + serverName + "' cannot use the certificate '" + certificateName + "': " + ex.getMessage(),
				ex.getAction(), ex);
	}

	/**
	 * Make the server speak TLS with the selected certificates, also after a reload.
	 * @param server the server
	 * @return the secure server
	 */
	public HttpServer apply(HttpServer server) {
		// The SNI mapping is consulted on every handshake, with or without SNI, so the
		// provider it returns is always the current one.
		return server.secure((spec) -> spec.sslContext(this.selected.presented().provider().getSslContext())
			.setSniAsyncMappings((hostName, promise) -> promise.setSuccess(this.selected.providerFor(hostName))));
	}

	/**
	 * Return the default certificate that new connections get.
	 * @return the server certificate
	 */
	public X509Certificate certificate() {
		return this.selected.presented().certificate().chain()[0];
	}

	/**
	 * Return whether clients are asked for a certificate.
	 * @return the client-certificate mode
	 */
	public ClientCertificateMode clientCertificateMode() {
		return this.clientCertificateMode;
	}

	/**
	 * Stop following reloads of the database: the socket is closed.
	 */
	@Override
	public void close() {
		this.stopListening.run();
	}

	private boolean reselect(KeyStoreSource.Stores reloaded) {
		try {
			this.selected = select(reloaded);
			logger.info("Server '" + this.names.serverName() + "' now presents "
					+ certificate().getSubjectX500Principal());
			return true;
		}
		catch (NamedCertificateException ex) {
			if (ex.cause != null) {
				logger.error("Server '" + this.names.serverName() + "' keeps its certificate: the reloaded database "
						+ "has no usable certificate '" + ex.certificateName + "': " + ex.cause.getMessage());
			}
			else {
				logger.error("Server '" + this.names.serverName() + "' keeps its certificate: the certificate '"
						+ ex.certificateName + "' of the reloaded database cannot be used", ex.getCause());
			}
		}
		return false;
	}

	private Selected select(KeyStoreSource.Stores stores) {
		Map<String, Presented> byCertificate = new HashMap<>();
		Presented presented = present(stores, this.names.of("certificate-name"), this.certificateName, byCertificate);
		Map<String, Presented> hosts = new HashMap<>();
		this.sni.forEach((host, name) -> hosts.put(host.toLowerCase(Locale.ROOT),
				present(stores, this.names.of("sni") + "[" + host + "]", name, byCertificate)));
		// The default certificate answers for its own names too: not unknown to a strict server.
		for (String name : hostNames(presented.certificate().chain()[0])) {
			hosts.putIfAbsent(name, presented);
		}
		SslProvider refusing = this.sniStrict ? refusing(presented.provider()) : null;
		return new Selected(presented, Map.copyOf(hosts), refusing);
	}

	private Presented present(KeyStoreSource.Stores stores, String property, String name,
			Map<String, Presented> byCertificate) {
		Presented presented = byCertificate.get(name);
		if (presented == null) {
			try {
				CertificateDatabase.ServerCertificate certificate = this.database.select(stores, name);
				presented = new Presented(certificate, provider(stores, certificate));
			}
			catch (CertificateDatabaseException ex) {
				throw new NamedCertificateException(property, name, ex, null);
			}
			catch (RuntimeException ex) {
				throw new NamedCertificateException(property, name, null, ex);
			}
			byCertificate.put(name, presented);
		}
		return presented;
	}

	private SslProvider provider(KeyStoreSource.Stores stores, CertificateDatabase.ServerCertificate certificate) {
		ClientAuth clientAuth = switch (this.clientCertificateMode) {
			case NONE -> ClientAuth.NONE;
			case REQUEST -> ClientAuth.OPTIONAL;
			case REQUIRE -> ClientAuth.REQUIRE;
		};
		AbstractProtocolSslContextSpec<?> spec = this.http2
				? Http2SslContextSpec.forServer(certificate.privateKey(), certificate.chain())
				: Http11SslContextSpec.forServer(certificate.privateKey(), certificate.chain());
		SslOptions options = stores.options();
		spec.configure((builder) -> {
			// The bundle's options as Boot's own Netty server takes them; without them TLS
			// 1.3 and 1.2, and AEAD suites with forward secrecy, for HTTP/1.1 as for HTTP/2.
			builder.protocols((options.getEnabledProtocols() != null) ? options.getEnabledProtocols() : PROTOCOLS);
			if (options.getCiphers() != null) {
				builder.ciphers(SslOptions.asSet(options.getCiphers()));
			}
			else {
				builder.ciphers(Http2SecurityUtil.CIPHERS, SupportedCipherSuiteFilter.INSTANCE);
			}
			builder.clientAuth(clientAuth);
			if (clientAuth != ClientAuth.NONE) {
				builder.trustManager(this.database.trustManagerFactory(stores));
			}
		});
		try {
			return SslProvider.builder().sslContext(spec).build();
		}
		catch (RuntimeException ex) {
			if (options.isSpecified()) {
				throw this.database.optionsRefused(ex);
			}
			throw ex;
		}
	}

	/**
	 * Return a provider with the default certificate whose engine matches no server
	 * name: the TLS provider (JDK or OpenSSL) then ends the handshake of a client that
	 * sent one with the {@code unrecognized_name} alert.
	 */
	private static SslProvider refusing(SslProvider provider) {
		return SslProvider.builder().sslContext(provider.getSslContext()).handlerConfigurator((handler) -> {
			SSLEngine engine = handler.engine();
			SSLParameters parameters = engine.getSSLParameters();
			parameters.setSNIMatchers(List.of(NoServerName.INSTANCE));
			engine.setSSLParameters(parameters);
		}).build();
	}

	/**
	 * Return the DNS names of a certificate, lower case: those of its subject alternative
	 * names, or without any, its common name.
	 */
	private static Set<String> hostNames(X509Certificate certificate) {
		Set<String> names = new HashSet<>();
		try {
			Collection<List<?>> alternativeNames = certificate.getSubjectAlternativeNames();
			if (alternativeNames != null) {
				for (List<?> name : alternativeNames) {
					if (Integer.valueOf(2).equals(name.get(0)) && name.get(1) instanceof String dnsName) {
						names.add(dnsName.toLowerCase(Locale.ROOT));
					}
				}
			}
			if (names.isEmpty()) {
				for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
					if ("CN".equalsIgnoreCase(rdn.getType())) {
						names.add(rdn.getValue().toString().toLowerCase(Locale.ROOT));
					}
				}
			}
		}
		catch (CertificateParsingException | InvalidNameException ex) {
			// A name that cannot be read covers no host: the sni entries still do.
		}
		return names;
	}

	private record Presented(CertificateDatabase.ServerCertificate certificate, SslProvider provider) {

	}

	/**
	 * The certificates of a server as they are now: the default, and by host name (exact,
	 * or {@code *.domain}, lower case).
	 */
	private record Selected(Presented presented, Map<String, Presented> hosts, @Nullable SslProvider refusing) {

		SslProvider providerFor(@Nullable String hostName) {
			if (hostName == null) {
				return this.presented.provider();
			}
			String host = hostName.toLowerCase(Locale.ROOT);
			Presented match = this.hosts.get(host);
			int dot = host.indexOf('.');
			if (match == null && dot > 0) {
				match = this.hosts.get("*" + host.substring(dot));
			}
			if (match != null) {
				return match.provider();
			}
			return (this.refusing != null) ? this.refusing : this.presented.provider();
		}

	}

	/**
	 * Matches no server name.
	 */
	private static final class NoServerName extends SNIMatcher {

		static final NoServerName INSTANCE = new NoServerName();

		private NoServerName() {
			super(StandardConstants.SNI_HOST_NAME);
		}

		@Override
		public boolean matches(SNIServerName serverName) {
			return false;
		}

	}

	/**
	 * A certificate of the server that cannot be used, with the option that names it.
	 */
	private static final class NamedCertificateException extends RuntimeException {

		private final String property;

		private final String certificateName;

		private final @Nullable CertificateDatabaseException cause;

		NamedCertificateException(String property, String certificateName, @Nullable CertificateDatabaseException cause,
				@Nullable RuntimeException failure) {
			super((cause != null) ? cause : failure);
			this.property = property;
			this.certificateName = certificateName;
			this.cause = cause;
		}

	}

}
