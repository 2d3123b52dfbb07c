package dev.nettybind.tls;

import java.security.KeyStore;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslStoreBundle;

/**
 * The key store (and trust store) of a Spring Boot SSL bundle.
 *
 * @author Netty Bind Starter contributors
 */
final class SslBundleKeyStoreSource implements KeyStoreSource {

	private static final String PROPERTY = "bind.certificate-database.bundle";

	private final SslBundles sslBundles;

	private final String bundleName;

	SslBundleKeyStoreSource(SslBundles sslBundles, String bundleName) {
		this.sslBundles = sslBundles;
		this.bundleName = bundleName;
	}

	@Override
	public Stores load() {
		SslBundle bundle;
		try {
			bundle = this.sslBundles.getBundle(this.bundleName);
		}
		catch (NoSuchSslBundleException ex) {
			throw new CertificateDatabaseException(PROPERTY, this.bundleName,
					"There is no SSL bundle named '" + this.bundleName + "'.",
					"Declare it under 'spring.ssl.bundle.jks." + this.bundleName + "' (or .pem), or change '" + PROPERTY
							+ "'.",
					ex);
		}
		SslStoreBundle stores = bundle.getStores();
		KeyStore keyStore = stores.getKeyStore();
		if (keyStore == null) {
			throw new CertificateDatabaseException(PROPERTY, this.bundleName,
					"The SSL bundle '" + this.bundleName + "' has no key store.",
					"Give the bundle a key store ('spring.ssl.bundle.jks." + this.bundleName + ".keystore.location').",
					null);
		}
		String keyPassword = (bundle.getKey().getPassword() != null) ? bundle.getKey().getPassword()
				: stores.getKeyStorePassword();
		return new Stores(keyStore, (keyPassword != null) ? keyPassword.toCharArray() : null, stores.getTrustStore());
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

	String bundleName() {
		return this.bundleName;
	}

}
