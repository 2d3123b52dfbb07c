package dev.nettybind.tls;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.UnrecoverableKeyException;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslStoreBundle;

/**
 * The key store of {@code bind.certificate-database.location}, with its optional
 * separate trust store, read through the SSL bundle that
 * {@link CertificateDatabaseBundleRegistrar} registers for them. Boot's failures to load
 * a store are told apart here, to name the property at fault.
 *
 * @author Netty Bind Starter contributors
 */
final class LocationKeyStoreSource implements KeyStoreSource {

	private static final String PREFIX = "bind.certificate-database.";

	private final StoreLocation keyStore;

	private final @Nullable StoreLocation trustStore;

	LocationKeyStoreSource(CertificateDatabaseProperties properties) {
		this.keyStore = new StoreLocation(PREFIX, properties.getLocation(), properties.getType(),
				properties.getPassword());
		CertificateDatabaseProperties.TrustStore trust = properties.getTrustStore();
		this.trustStore = (trust.getLocation() != null)
				? new StoreLocation(PREFIX + "trust-store.", trust.getLocation(), trust.getType(), trust.getPassword())
				: null;
	}

	@Override
	public SslBundle bundle(SslBundles bundles) {
		try {
			return bundles.getBundle(bundleName());
		}
		catch (NoSuchSslBundleException ex) {
			throw new CertificateDatabaseException(property(), this.keyStore.location(),
					"The SSL bundle '" + bundleName() + "' of the key store " + description()
							+ " is not registered: the application's SslBundles bean does not take the "
							+ "SslBundleRegistrar beans.",
					"Use the SslBundles of Spring Boot's SslAutoConfiguration, or register the bundle '" + bundleName()
							+ "' in yours.",
					ex);
		}
	}

	@Override
	public Stores load(SslBundle bundle) {
		SslStoreBundle stores = bundle.getStores();
		KeyStore keys = load(this.keyStore, stores::getKeyStore);
		KeyStore trusted = (this.trustStore != null) ? load(this.trustStore, stores::getTrustStore) : null;
		return Stores.of(bundle, keys, trusted);
	}

	@Override
	public String bundleName() {
		return CertificateDatabaseBundleRegistrar.BUNDLE_NAME;
	}

	@Override
	public String description() {
		return this.keyStore.location();
	}

	@Override
	public String property() {
		return PREFIX + "location";
	}

	@Override
	public @Nullable String unsetPasswordProperty() {
		return (this.keyStore.password() != null) ? null : PREFIX + "password";
	}

	private static KeyStore load(StoreLocation store, Supplier<@Nullable KeyStore> loader) {
		KeyStore keyStore;
		try {
			keyStore = loader.get();
		}
		catch (IllegalStateException ex) {
			throw unreadable(store, ex);
		}
		if (keyStore == null) {
			throw new IllegalStateException("The bundle of " + store.location() + " has no store");
		}
		return keyStore;
	}

	/**
	 * Tell apart the failures of Boot's {@code JksSslStoreBundle}: it wraps the
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
	 * Where a store is and how it is opened, for messages.
	 *
	 * @param prefix the prefix of its properties
	 * @param location the resource location
	 * @param type the key store type
	 * @param password the store password
	 */
	private record StoreLocation(String prefix, String location, String type, @Nullable String password) {

	}

}
