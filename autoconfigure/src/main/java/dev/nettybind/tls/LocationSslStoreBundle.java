package dev.nettybind.tls;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.UnrecoverableKeyException;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.SslStoreBundle;
import org.springframework.boot.ssl.jks.JksSslStoreBundle;
import org.springframework.boot.ssl.jks.JksSslStoreDetails;
import org.springframework.core.io.ResourceLoader;

/**
 * The key store of {@code bind.certificate-database.location} and the trust store of
 * {@code trust-store.*}, loaded by Spring Boot's {@link JksSslStoreBundle} as those of
 * {@code spring.ssl.bundle.jks.*} are. A store that cannot be loaded is reported naming
 * the property at fault, to whoever reads the bundle first: a secure server, or Boot's
 * SSL metrics and health, which read every bundle at startup.
 *
 * @author Netty Bind Starter contributors
 */
final class LocationSslStoreBundle implements SslStoreBundle {

	private static final String PREFIX = "bind.certificate-database.";

	private final JksSslStoreBundle stores;

	private final StoreLocation keyStore;

	private final @Nullable StoreLocation trustStore;

	LocationSslStoreBundle(CertificateDatabaseProperties properties, ResourceLoader resourceLoader) {
		this.keyStore = new StoreLocation(PREFIX, properties.getLocation(), properties.getType(),
				properties.getPassword());
		CertificateDatabaseProperties.TrustStore trust = properties.getTrustStore();
		// Without a location, a type alone would make Boot look for a trust store.
		this.trustStore = (trust.getLocation() != null)
				? new StoreLocation(PREFIX + "trust-store.", trust.getLocation(), trust.getType(), trust.getPassword())
				: null;
		this.stores = new JksSslStoreBundle(this.keyStore.details(),
				(this.trustStore != null) ? this.trustStore.details() : null, resourceLoader);
	}

	@Override
	public @Nullable KeyStore getKeyStore() {
		return load(this.keyStore, this.stores::getKeyStore);
	}

	@Override
	public @Nullable String getKeyStorePassword() {
		return this.stores.getKeyStorePassword();
	}

	@Override
	public @Nullable KeyStore getTrustStore() {
		return (this.trustStore != null) ? load(this.trustStore, this.stores::getTrustStore) : null;
	}

	private static @Nullable KeyStore load(StoreLocation store, Supplier<@Nullable KeyStore> loader) {
		try {
			return loader.get();
		}
		catch (IllegalStateException ex) {
			throw unreadable(store, ex);
		}
	}

	/**
	 * Tell apart the failures of {@link JksSslStoreBundle}: it wraps the
	 * {@link KeyStoreException} of an unknown type, and a wrapper of what
	 * {@link KeyStore#load} threw, in an {@link IllegalStateException}.
	 */
	private static CertificateDatabaseException unreadable(StoreLocation store, IllegalStateException ex) {
		String prefix = store.prefix();
		Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
		if (cause instanceof KeyStoreException) {
			return new CertificateDatabaseException(prefix + "type", store.type(),
					"The key store type '" + store.type() + "' is not known.",
					"Set '" + prefix + "type' to PKCS12 or JKS.", ex);
		}
		Throwable loadFailure = (cause.getCause() != null) ? cause.getCause() : cause;
		if (loadFailure instanceof IOException && loadFailure.getCause() instanceof UnrecoverableKeyException) {
			return new CertificateDatabaseException(prefix + "password", "******",
					"The password of the key store '" + store.location() + "' is wrong.",
					"Set '" + prefix + "password' to the password of the key store.", ex);
		}
		if (loadFailure instanceof GeneralSecurityException) {
			return new CertificateDatabaseException(prefix + "location", store.location(),
					"The key store '" + store.location() + "' could not be loaded: " + describe(loadFailure) + ".",
					"Check that '" + prefix + "location' is a " + store.type() + " key store and that '" + prefix
							+ "type' says so.",
					ex);
		}
		return new CertificateDatabaseException(prefix + "location", store.location(),
				"The key store '" + store.location() + "' could not be read: " + describe(loadFailure) + ".",
				"Set '" + prefix + "location' to a readable " + store.type()
						+ " key store, for example file:/etc/app/certs.p12 or classpath:certs.p12.",
				ex);
	}

	private static String describe(Throwable ex) {
		return (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
	}

	/**
	 * Where a store is and how it is opened.
	 *
	 * @param prefix the prefix of its properties
	 * @param location the resource location
	 * @param type the key store type
	 * @param password the store password
	 */
	private record StoreLocation(String prefix, @Nullable String location, String type, @Nullable String password) {

		JksSslStoreDetails details() {
			return new JksSslStoreDetails(this.type, null, this.location, this.password);
		}

	}

}
