package dev.nettybind.tls;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.function.Supplier;

import javax.net.ssl.TrustManagerFactory;
import javax.security.auth.x500.X500Principal;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Exceptions;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;

/**
 * The certificate database of Dart's {@code HttpServer.bindSecure}: the key store of an
 * SSL bundle, whose key entries are the server certificates, found by alias (nickname) or
 * subject DN, and whose trusted-certificate entries are the trust anchors for client
 * certificates. The bundle is the one {@code bind.certificate-database.location}
 * registers, or the one {@code bind.certificate-database.bundle} names. It is read when
 * a secure server first needs it, and read again when the bundle is updated.
 *
 * @author Netty Bind Starter contributors
 * @since 0.1.0
 */
public class CertificateDatabase {

	private static final Log logger = LogFactory.getLog(CertificateDatabase.class);

	private final SslBundles bundles;

	private final KeyStoreSource source;

	private final @Nullable Runnable update;

	private final List<Predicate<KeyStoreSource.Stores>> reloadListeners = new CopyOnWriteArrayList<>();

	private volatile KeyStoreSource.@Nullable Stores stores;

	/**
	 * Create a database.
	 * @param bundles the registered bundles
	 * @param source the bundle of the database
	 * @param update what reads the files of the bundle again and updates it, which comes
	 * back here as a {@link #reload(SslBundle) reload}; {@code null} for a bundle that
	 * Spring Boot reloads itself
	 */
	CertificateDatabase(SslBundles bundles, KeyStoreSource source, @Nullable Runnable update) {
		this.bundles = bundles;
		this.source = source;
		this.update = update;
	}

	/**
	 * Return where the database comes from.
	 * @return a description, such as a key store location or an SSL bundle name
	 */
	public String description() {
		return this.source.description();
	}

	/**
	 * Read the database again; secure servers use the new certificates for new
	 * connections. The key store of {@code bind.certificate-database.location} is read
	 * from its file into an update of its SSL bundle; an SSL bundle named by
	 * {@code bind.certificate-database.bundle} is taken as it is registered now. A
	 * database that cannot be read, or that no secure server can use, is reported and the
	 * current one kept, also for the servers bound later; a server that cannot use it
	 * keeps its certificate.
	 */
	public void reload() {
		if (this.update != null) {
			this.update.run();
		}
		else {
			adopt(() -> this.source.bundle(this.bundles));
		}
	}

	/**
	 * Adopt an update of the bundle of the database, if a secure server can use it: the
	 * update handler of the bundle.
	 * @param bundle the updated bundle
	 */
	void reload(SslBundle bundle) {
		adopt(() -> bundle);
	}

	private synchronized void adopt(Supplier<SslBundle> bundle) {
		KeyStoreSource.Stores reloaded;
		try {
			reloaded = this.source.load(bundle.get());
		}
		catch (CertificateDatabaseException ex) {
			logger.warn("Certificate database " + description() + " could not be reloaded; the current "
					+ "certificates stay in use: " + ex.getMessage());
			return;
		}
		catch (RuntimeException ex) {
			logger.warn("Certificate database " + description() + " could not be reloaded; the current "
					+ "certificates stay in use", ex);
			return;
		}
		boolean usable = this.reloadListeners.isEmpty();
		for (Predicate<KeyStoreSource.Stores> listener : this.reloadListeners) {
			// Not short-circuited: every server gets its chance, whatever the one before did.
			usable |= listener.test(reloaded);
		}
		if (!usable) {
			logger.warn("Certificate database " + description() + " was read again, but no secure server can use "
					+ "it; the current certificates stay in use");
			return;
		}
		this.stores = reloaded;
		logger.info("Certificate database " + description() + " reloaded");
	}

	/**
	 * Offer the stores of each reload to the given listener before they become the
	 * database.
	 * @param listener switches to the reloaded stores and returns {@code true}, or keeps
	 * what it has and returns {@code false} when it cannot use them; it must not throw
	 * @return what removes the listener again
	 */
	Runnable onReload(Predicate<KeyStoreSource.Stores> listener) {
		this.reloadListeners.add(listener);
		return () -> this.reloadListeners.remove(listener);
	}

	/**
	 * Return the stores of the database, reading them if this is the first time. Waits
	 * for a reload under way, and returns what it adopted.
	 * @return the stores
	 * @throws CertificateDatabaseException if they cannot be read
	 */
	synchronized KeyStoreSource.Stores stores() {
		KeyStoreSource.Stores stores = this.stores;
		if (stores == null) {
			stores = this.source.load(this.source.bundle(this.bundles));
			this.stores = stores;
		}
		return stores;
	}

	/**
	 * Find a server certificate by alias, then by subject DN.
	 * @param stores the stores of the database, current or reloaded
	 * @param certificateName the alias or subject DN
	 * @return the certificate with its key and chain
	 * @throws CertificateDatabaseException if there is no such certificate, or more than
	 * one, or it has no key, or its key cannot be read
	 */
	ServerCertificate select(KeyStoreSource.Stores stores, String certificateName) {
		KeyStore keyStore = stores.keyStore();
		try {
			String unsetPassword = this.source.unsetPasswordProperty();
			if (unsetPassword != null && hasHiddenCertificate(keyStore)) {
				// A PKCS12 opened without its password lists its keys but skips its
				// certificates: no name can be found, no chain read.
				throw passwordNotSet(unsetPassword, "the certificates in it cannot be read");
			}
			String alias = findAlias(keyStore, certificateName);
			Key key = readKey(keyStore, alias, stores.keyPassword());
			return new ServerCertificate(alias, key.privateKey(), key.chain());
		}
		catch (KeyStoreException ex) {
			throw new IllegalStateException("Key store of " + description() + " is not loaded", ex);
		}
	}

	/**
	 * Return the trust anchors for client certificates: the trusted-certificate entries
	 * of the database, or its separate trust store.
	 * @param stores the stores of the database, current or reloaded
	 * @return a trust manager factory over them
	 * @throws CertificateDatabaseException if the database holds none
	 */
	TrustManagerFactory trustManagerFactory(KeyStoreSource.Stores stores) {
		try {
			KeyStore anchors = (stores.trustStore() != null) ? stores.trustStore() : trustedEntries(stores.keyStore());
			if (anchors.size() == 0) {
				throw new CertificateDatabaseException(this.source.property(), description(),
						"The certificate database " + description() + " holds no trusted certificate to verify client "
								+ "certificates with.",
						"Add the certificate of the CA that issues client certificates to the database as a trusted "
								+ "certificate entry (keytool -importcert), or configure "
								+ "'bind.certificate-database.trust-store'.",
						null);
			}
			TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			factory.init(anchors);
			return factory;
		}
		catch (GeneralSecurityException | java.io.IOException ex) {
			throw new IllegalStateException("Trust anchors of " + description() + " could not be read", ex);
		}
	}

	/**
	 * Report that the TLS provider refuses the ciphers or protocols of the bundle.
	 * @param ex what the provider threw
	 * @return the exception to throw
	 */
	CertificateDatabaseException optionsRefused(RuntimeException ex) {
		Throwable cause = Exceptions.unwrap(ex);
		return new CertificateDatabaseException(this.source.property(), this.source.bundleName(),
				"The TLS provider refuses the ciphers or protocols of " + description() + ": " + cause.getMessage()
						+ ".",
				"Give 'options.ciphers' and 'options.enabled-protocols' of the bundle names that the provider "
						+ "supports (openssl ciphers -stdname lists them), or leave them out.",
				ex);
	}

	private String findAlias(KeyStore keyStore, String certificateName) throws KeyStoreException {
		if (keyStore.containsAlias(certificateName)) {
			return certificateName;
		}
		X500Principal wanted = parseDn(certificateName);
		List<String> keyMatches = new ArrayList<>();
		List<String> trustedMatches = new ArrayList<>();
		if (wanted != null) {
			for (String alias : Collections.list(keyStore.aliases())) {
				if (keyStore.getCertificate(alias) instanceof X509Certificate certificate
						&& wanted.equals(certificate.getSubjectX500Principal())) {
					(keyStore.isKeyEntry(alias) ? keyMatches : trustedMatches).add(alias);
				}
			}
		}
		if (keyMatches.size() == 1) {
			return keyMatches.get(0);
		}
		if (keyMatches.size() > 1) {
			throw new CertificateDatabaseException(null, certificateName,
					"More than one certificate of " + description() + " has the subject '" + certificateName
							+ "': aliases " + keyMatches + ". It holds " + contents(keyStore) + ".",
					"Name the certificate by its alias instead.", null);
		}
		if (!trustedMatches.isEmpty()) {
			return trustedMatches.get(0);
		}
		throw new CertificateDatabaseException(null, certificateName,
				"The certificate database " + description() + " has no certificate with the alias or subject '"
						+ certificateName + "'. It holds " + contents(keyStore) + ".",
				"Use one of the aliases or subjects it holds, or add the certificate to it.", null);
	}

	private Key readKey(KeyStore keyStore, String alias, char @Nullable [] keyPassword) throws KeyStoreException {
		if (!keyStore.isKeyEntry(alias)) {
			throw new CertificateDatabaseException(null, alias,
					"The certificate '" + alias + "' of " + description()
							+ " is a trusted certificate without a private key, so it cannot be a server certificate.",
					"Import the certificate together with its private key (a PrivateKeyEntry), or name another one. "
							+ "It holds " + contents(keyStore) + ".",
					null);
		}
		try {
			PrivateKey key = (PrivateKey) keyStore.getKey(alias, keyPassword);
			Certificate[] chain = keyStore.getCertificateChain(alias);
			return new Key(key, Arrays.stream(chain).map(X509Certificate.class::cast).toArray(X509Certificate[]::new));
		}
		catch (UnrecoverableKeyException ex) {
			String unsetPassword = this.source.unsetPasswordProperty();
			if (keyPassword == null && unsetPassword != null) {
				throw passwordNotSet(unsetPassword, "the private key of '" + alias + "' cannot be read");
			}
			throw new CertificateDatabaseException("bind.certificate-database.key-password", "******",
					"The private key of '" + alias + "' in " + description() + " cannot be read with the password given.",
					"Set 'bind.certificate-database.key-password' to the password of the key (when it differs from the "
							+ "key store's).",
					ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Key '" + alias + "' of " + description() + " could not be read", ex);
		}
	}

	private CertificateDatabaseException passwordNotSet(String property, String consequence) {
		return new CertificateDatabaseException(property, null,
				"The key store " + description() + " was opened without a password, as '" + property
						+ "' is not set, so " + consequence + ".",
				"Set '" + property + "' to the password of the key store.", null);
	}

	private static boolean hasHiddenCertificate(KeyStore keyStore) throws KeyStoreException {
		for (String alias : Collections.list(keyStore.aliases())) {
			if (keyStore.entryInstanceOf(alias, KeyStore.PrivateKeyEntry.class)
					&& keyStore.getCertificate(alias) == null) {
				return true;
			}
		}
		return false;
	}

	private static @Nullable X500Principal parseDn(String name) {
		try {
			return new X500Principal(name);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static KeyStore trustedEntries(KeyStore keyStore) throws GeneralSecurityException, java.io.IOException {
		KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
		anchors.load(null, null);
		for (String alias : Collections.list(keyStore.aliases())) {
			if (keyStore.isCertificateEntry(alias)) {
				anchors.setCertificateEntry(alias, keyStore.getCertificate(alias));
			}
		}
		return anchors;
	}

	private static String contents(KeyStore keyStore) throws KeyStoreException {
		List<String> entries = new ArrayList<>();
		for (String alias : Collections.list(keyStore.aliases())) {
			String kind = keyStore.isKeyEntry(alias) ? "key" : "trusted";
			String subject = (keyStore.getCertificate(alias) instanceof X509Certificate certificate)
					? certificate.getSubjectX500Principal().getName() : "?";
			entries.add("'" + alias + "' (" + kind + ", " + subject + ")");
		}
		return entries.isEmpty() ? "no entry" : String.join(", ", entries);
	}

	private record Key(PrivateKey privateKey, X509Certificate[] chain) {

	}

	/**
	 * A server certificate with its private key.
	 *
	 * @param alias the alias of its entry
	 * @param privateKey its private key
	 * @param chain the certificate first, then its issuers
	 */
	record ServerCertificate(String alias, PrivateKey privateKey, X509Certificate[] chain) {

	}

}
