package dev.nettybind.tls;

import java.security.cert.X509Certificate;

import io.netty.handler.codec.http2.Http2SecurityUtil;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.netty.http.Http11SslContextSpec;
import reactor.netty.http.Http2SslContextSpec;
import reactor.netty.http.server.HttpServer;
import reactor.netty.tcp.AbstractProtocolSslContextSpec;
import reactor.netty.tcp.SslProvider;

import org.springframework.boot.ssl.SslOptions;

import dev.nettybind.diagnostics.OptionNames;
import dev.nettybind.diagnostics.ServerSetupException;

/**
 * The TLS side of one secure socket: the certificate picked from the database by name,
 * the client-certificate mode, the ciphers and protocols of the database's SSL bundle,
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

	private final String serverName;

	private final String certificateName;

	private final ClientCertificateMode clientCertificateMode;

	private final boolean http2;

	private final Runnable stopListening;

	private volatile Selected selected;

	private ServerTls(CertificateDatabase database, String serverName, String certificateName,
			ClientCertificateMode clientCertificateMode, boolean http2) {
		this.database = database;
		this.serverName = serverName;
		this.certificateName = certificateName;
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
	 * Pick the certificate of a secure server from the database and build its TLS
	 * configuration.
	 * @param database the certificate database
	 * @param names the names of the server and of its options, for errors
	 * @param certificateName the alias or subject DN of the certificate
	 * @param clientCertificateMode whether clients are asked for a certificate
	 * @param http2 whether ALPN offers {@code h2} besides {@code http/1.1}
	 * @return the TLS configuration
	 * @throws ServerSetupException if the certificate or the trust anchors cannot be
	 * read or used
	 */
	public static ServerTls create(CertificateDatabase database, OptionNames names, String certificateName,
			ClientCertificateMode clientCertificateMode, boolean http2) {
		String serverName = names.serverName();
		try {
			return new ServerTls(database, serverName, certificateName, clientCertificateMode, http2);
		}
		catch (CertificateDatabaseException ex) {
			String property = (ex.getProperty() != null) ? ex.getProperty()
					: names.of("certificate-name");
			throw new ServerSetupException(serverName, property, ex.getValue(),
					"Server '" + serverName + "' cannot use the certificate '" + certificateName + "': " + ex.getMessage(),
					ex.getAction(), ex);
		}
		catch (RuntimeException ex) {
			// For example a secret-key entry by that name, or a key the TLS provider refuses.
			String property = names.of("certificate-name");
			throw new ServerSetupException(serverName, property, certificateName,
					"Server '" + serverName + "' cannot use the certificate '" + certificateName + "' of "
							+ database.description() + ": " + ex + ".",
					"Name a private key entry with its certificate chain (keytool -list -v shows the entries), or "
							+ "replace the entry '" + certificateName + "'.",
					ex);
		}
	}

	/**
	 * Make the server speak TLS with the selected certificate, also after a reload.
	 * @param server the server
	 * @return the secure server
	 */
	public HttpServer apply(HttpServer server) {
		// The SNI mapping is consulted on every handshake, with or without SNI, so the
		// provider it returns is always the current one.
		return server.secure((spec) -> spec.sslContext(this.selected.provider().getSslContext())
			.setSniAsyncMappings((hostName, promise) -> promise.setSuccess(this.selected.provider())));
	}

	/**
	 * Return the certificate that new connections get.
	 * @return the server certificate
	 */
	public X509Certificate certificate() {
		return this.selected.certificate().chain()[0];
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
			logger.info("Server '" + this.serverName + "' now presents " + certificate().getSubjectX500Principal());
			return true;
		}
		catch (CertificateDatabaseException ex) {
			logger.error("Server '" + this.serverName + "' keeps its certificate: the reloaded database has no "
					+ "usable certificate '" + this.certificateName + "': " + ex.getMessage());
		}
		catch (RuntimeException ex) {
			logger.error("Server '" + this.serverName + "' keeps its certificate: the certificate '"
					+ this.certificateName + "' of the reloaded database cannot be used", ex);
		}
		return false;
	}

	private Selected select(KeyStoreSource.Stores stores) {
		CertificateDatabase.ServerCertificate certificate = this.database.select(stores, this.certificateName);
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
			return new Selected(certificate, SslProvider.builder().sslContext(spec).build());
		}
		catch (RuntimeException ex) {
			if (options.isSpecified()) {
				throw this.database.optionsRefused(ex);
			}
			throw ex;
		}
	}

	private record Selected(CertificateDatabase.ServerCertificate certificate, SslProvider provider) {

	}

}
