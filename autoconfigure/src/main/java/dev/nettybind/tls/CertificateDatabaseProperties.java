package dev.nettybind.tls;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The certificate database that secure servers take their certificate from, by alias or
 * subject DN: a key store, or the key store of an SSL bundle. Bound as
 * {@code bind.certificate-database}, a part of {@code BindProperties}.
 *
 * @author Netty Bind Starter contributors
 * @since 0.2.0
 */
public class CertificateDatabaseProperties {

	/**
	 * Location of the key store, for example 'classpath:certs.p12' or
	 * 'file:/etc/app/certs.p12'. Its key entries are the server certificates, its
	 * trusted-certificate entries the trust anchors for client certificates. It is
	 * registered, with the trust store, as the SSL bundle 'bind-certificate-database'.
	 */
	private final @Nullable String location;

	/**
	 * Type of the key store: PKCS12 or JKS.
	 */
	private final String type;

	/**
	 * Password of the key store.
	 */
	private final @Nullable String password;

	/**
	 * Password of the private keys, when it differs from the key store's.
	 */
	private final @Nullable String keyPassword;

	/**
	 * Name of a Spring Boot SSL bundle (spring.ssl.bundle.*) whose key store, and
	 * trust store if it has one, is the database; instead of 'location'.
	 */
	private final @Nullable String bundle;

	/**
	 * A trust store whose certificates are the trust anchors for client
	 * certificates, instead of the trusted-certificate entries of the key store.
	 */
	private final @Valid TrustStore trustStore;

	/**
	 * Whether to read the key store again when its file changes, as an update of the
	 * SSL bundle 'bind-certificate-database', so that new connections get the new
	 * certificate without a restart. An SSL bundle named by 'bundle' reloads through its
	 * own 'reload-on-update'.
	 */
	private final boolean reloadOnUpdate;

	/**
	 * How often the key store file is checked for changes.
	 */
	@NotNull
	private final Duration reloadCheckInterval;

	public CertificateDatabaseProperties(@Nullable String location, @DefaultValue("PKCS12") String type,
			@Nullable String password, @Nullable String keyPassword, @Nullable String bundle,
			@DefaultValue TrustStore trustStore, @DefaultValue("false") boolean reloadOnUpdate,
			@DefaultValue("2s") Duration reloadCheckInterval) {
		this.location = location;
		this.type = type;
		this.password = password;
		this.keyPassword = keyPassword;
		this.bundle = bundle;
		this.trustStore = trustStore;
		this.reloadOnUpdate = reloadOnUpdate;
		this.reloadCheckInterval = reloadCheckInterval;
	}

	public @Nullable String getLocation() {
		return this.location;
	}

	public String getType() {
		return this.type;
	}

	public @Nullable String getPassword() {
		return this.password;
	}

	public @Nullable String getKeyPassword() {
		return this.keyPassword;
	}

	public @Nullable String getBundle() {
		return this.bundle;
	}

	public TrustStore getTrustStore() {
		return this.trustStore;
	}

	public boolean isReloadOnUpdate() {
		return this.reloadOnUpdate;
	}

	public Duration getReloadCheckInterval() {
		return this.reloadCheckInterval;
	}

	/**
	 * A separate trust store for client certificates.
	 */
	public static class TrustStore {

		/**
		 * Location of the trust store, for example 'file:/etc/app/clients-ca.p12'.
		 */
		private final @Nullable String location;

		/**
		 * Type of the trust store: PKCS12 or JKS.
		 */
		private final String type;

		/**
		 * Password of the trust store.
		 */
		private final @Nullable String password;

		public TrustStore(@Nullable String location, @DefaultValue("PKCS12") String type,
				@Nullable String password) {
			this.location = location;
			this.type = type;
			this.password = password;
		}

		public @Nullable String getLocation() {
			return this.location;
		}

		public String getType() {
			return this.type;
		}

		public @Nullable String getPassword() {
			return this.password;
		}

	}

}
