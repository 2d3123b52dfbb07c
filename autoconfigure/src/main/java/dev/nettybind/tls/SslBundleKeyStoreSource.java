package dev.nettybind.tls;

import java.security.KeyStore;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslStoreBundle;

/**
 * The key store (and trust store) of the Spring Boot SSL bundle that
 * {@code bind.certificate-database.bundle} names.
 *
 * @author Netty Bind Starter contributors
 */
final class SslBundleKeyStoreSource implements KeyStoreSource {

	private static final String PROPERTY = "bind.certificate-database.bundle";

	private final String bundleName;

	SslBundleKeyStoreSource(String bundleName) {
		this.bundleName = bundleName;
	}

	@Override
	public SslBundle bundle(SslBundles bundles) {
		try {
			return bundles.getBundle(this.bundleName);
		}
		catch (NoSuchSslBundleException ex) {
			throw new CertificateDatabaseException(PROPERTY, this.bundleName,
					"There is no SSL bundle named '" + this.bundleName + "'.",
					"Declare it under 'spring.ssl.bundle.jks." + this.bundleName + "' (or .pem), or change '" + PROPERTY
							+ "'.",
					ex);
		}
	}

	@Override
	public Stores load(SslBundle bundle) {
		SslStoreBundle stores = bundle.getStores();
		KeyStore keyStore = load("key", stores::getKeyStore);
		if (keyStore == null) {
			throw new CertificateDatabaseException(PROPERTY, this.bundleName,
					"The SSL bundle '" + this.bundleName + "' has no key store.",
					"Give the bundle a key store ('spring.ssl.bundle.jks." + this.bundleName + ".keystore.location').",
					null);
		}
		return Stores.of(bundle, keyStore, load("trust", stores::getTrustStore));
	}

	private @Nullable KeyStore load(String kind, Supplier<@Nullable KeyStore> store) {
		try {
			return store.get();
		}
		catch (IllegalStateException ex) {
			// Boot's own message names the file; its properties are the bundle's.
			throw new CertificateDatabaseException(PROPERTY, this.bundleName,
					"The " + kind + " store of the SSL bundle '" + this.bundleName + "' cannot be loaded: "
							+ ex.getMessage() + ".",
					"Check the " + kind + " store settings of the bundle under 'spring.ssl.bundle'.", ex);
		}
	}

	@Override
	public String bundleName() {
		return this.bundleName;
	}

	@Override
	public String description() {
		return "SSL bundle '" + this.bundleName + "'";
	}

	@Override
	public String property() {
		return PROPERTY;
	}

	@Override
	public @Nullable String unsetPasswordProperty() {
		// A bundle does not tell whether it is a JKS or a PEM one, so which of its
		// spring.ssl.bundle properties would hold the password is not known here.
		return null;
	}

}
