package dev.nettybind.tls;

import java.security.KeyStore;

import org.jspecify.annotations.Nullable;

/**
 * Where the key store of a {@link CertificateDatabase} comes from.
 *
 * @author Netty Bind Starter contributors
 */
interface KeyStoreSource {

	/**
	 * Load the key store now.
	 * @return the stores
	 * @throws CertificateDatabaseException if they cannot be loaded
	 */
	Stores load();

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
	 */
	record Stores(KeyStore keyStore, char @Nullable [] keyPassword, @Nullable KeyStore trustStore) {

	}

}
