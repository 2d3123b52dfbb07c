package dev.nettybind.tls;

import java.security.KeyStore;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslOptions;

/**
 * Where the SSL bundle of a {@link CertificateDatabase} comes from, and how its faults
 * are named: the bundle that {@code bind.certificate-database.location} registers, or
 * the one {@code bind.certificate-database.bundle} names.
 *
 * @author Netty Bind Starter contributors
 */
interface KeyStoreSource {

	/**
	 * Return the registered bundle of the database.
	 * @param bundles the registered bundles
	 * @return the bundle
	 * @throws CertificateDatabaseException if there is no such bundle
	 */
	SslBundle bundle(SslBundles bundles);

	/**
	 * Load the stores of a bundle of the database.
	 * @param bundle the bundle, the registered one or an update of it
	 * @return the stores
	 * @throws CertificateDatabaseException if they cannot be loaded
	 */
	Stores load(SslBundle bundle);

	/**
	 * Return the name of the bundle in the {@link SslBundles}.
	 * @return the bundle name
	 */
	String bundleName();

	/**
	 * Describe the source for messages, for example {@code file:/etc/app/certs.p12}.
	 * @return the description
	 */
	String description();

	/**
	 * Return the property that configures this source, for messages.
	 * @return the property path
	 */
	String property();

	/**
	 * Return the property of the key store's password when it is not set, for messages:
	 * a store opened without its password may hide its certificates (PKCS12 does) and
	 * cannot give its keys, and the fix is to set that property.
	 * @return the property path, or {@code null} when the password is set or the source
	 * has no such property
	 */
	@Nullable String unsetPasswordProperty();

	/**
	 * The loaded stores.
	 *
	 * @param keyStore the key store: server certificates with their keys, and trusted
	 * certificates
	 * @param keyPassword the password of the private keys
	 * @param trustStore a separate store of trusted certificates, if any
	 * @param options the ciphers and protocols of the bundle
	 */
	record Stores(KeyStore keyStore, char @Nullable [] keyPassword, @Nullable KeyStore trustStore,
			SslOptions options) {

		/**
		 * Return the stores of a bundle, whose key password is the bundle's key password,
		 * or else its key store password.
		 * @param bundle the bundle
		 * @param keyStore its loaded key store
		 * @param trustStore its loaded trust store, if any
		 * @return the stores
		 */
		static Stores of(SslBundle bundle, KeyStore keyStore, @Nullable KeyStore trustStore) {
			String keyPassword = (bundle.getKey().getPassword() != null) ? bundle.getKey().getPassword()
					: bundle.getStores().getKeyStorePassword();
			return new Stores(keyStore, (keyPassword != null) ? keyPassword.toCharArray() : null, trustStore,
					bundle.getOptions());
		}

	}

}
