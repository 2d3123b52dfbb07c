package dev.nettybind.tls;

import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.UnrecoverableKeyException;

import org.jspecify.annotations.Nullable;

import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * A key store read from a Spring resource ({@code file:}, {@code classpath:}), with an
 * optional separate trust store.
 *
 * @author Netty Bind Starter contributors
 */
final class ResourceKeyStoreSource implements KeyStoreSource {

	private static final String PREFIX = "bind.certificate-database.";

	private final ResourceLoader resourceLoader;

	private final StoreLocation keyStore;

	private final char @Nullable [] keyPassword;

	private final @Nullable StoreLocation trustStore;

	ResourceKeyStoreSource(ResourceLoader resourceLoader, StoreLocation keyStore, @Nullable String keyPassword,
			@Nullable StoreLocation trustStore) {
		this.resourceLoader = resourceLoader;
		this.keyStore = keyStore;
		this.keyPassword = (keyPassword != null) ? keyPassword.toCharArray() : keyStore.password();
		this.trustStore = trustStore;
	}

	@Override
	public Stores load() {
		KeyStore keys = load(this.keyStore, PREFIX);
		KeyStore trusted = (this.trustStore != null) ? load(this.trustStore, PREFIX + "trust-store.") : null;
		return new Stores(keys, this.keyPassword, trusted);
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

	/**
	 * Return when the stores last changed, to reload them when either does. Each time is
	 * kept, not the newer one: a store may be replaced by a file older than the other
	 * store ({@code cp -p}, {@code rsync -t}).
	 * @return the modification times
	 */
	LastModified lastModified() {
		return new LastModified(lastModified(this.keyStore),
				(this.trustStore != null) ? lastModified(this.trustStore) : -1);
	}

	private long lastModified(StoreLocation store) {
		try {
			return this.resourceLoader.getResource(store.location()).lastModified();
		}
		catch (IOException ex) {
			return -1;
		}
	}

	private KeyStore load(StoreLocation store, String prefix) {
		KeyStore keyStore;
		try {
			keyStore = KeyStore.getInstance(store.type());
		}
		catch (KeyStoreException ex) {
			throw new CertificateDatabaseException(prefix + "type", store.type(),
					"The key store type '" + store.type() + "' is not known.", "Set '" + prefix
							+ "type' to PKCS12 or JKS.",
					ex);
		}
		Resource resource = this.resourceLoader.getResource(store.location());
		try (InputStream in = resource.getInputStream()) {
			keyStore.load(in, store.password());
			return keyStore;
		}
		catch (IOException ex) {
			if (ex.getCause() instanceof UnrecoverableKeyException) {
				throw new CertificateDatabaseException(prefix + "password", "******",
						"The password of the key store '" + store.location() + "' is wrong.",
						"Set '" + prefix + "password' to the password of the key store.", ex);
			}
			throw new CertificateDatabaseException(prefix + "location", store.location(),
					"The key store '" + store.location() + "' could not be read: " + describe(ex) + ".",
					"Set '" + prefix + "location' to a readable " + store.type()
							+ " key store, for example file:/etc/app/certs.p12 or classpath:certs.p12.",
					ex);
		}
		catch (GeneralSecurityException ex) {
			throw new CertificateDatabaseException(prefix + "location", store.location(),
					"The key store '" + store.location() + "' could not be loaded: " + describe(ex) + ".",
					"Check that '" + prefix + "location' is a " + store.type() + " key store and that '" + prefix
							+ "type' says so.",
					ex);
		}
	}

	private static String describe(Exception ex) {
		return (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
	}

	/**
	 * Where a store is and how to open it.
	 *
	 * @param location the resource location
	 * @param type the key store type
	 * @param password the store password
	 */
	record StoreLocation(String location, String type, char @Nullable [] password) {

	}

	/**
	 * When the stores last changed.
	 *
	 * @param keyStore the modification time of the key store, or -1 when it cannot be
	 * read (a class path resource in a jar)
	 * @param trustStore the same for the trust store, also -1 when there is none
	 */
	record LastModified(long keyStore, long trustStore) {

	}

}
