package dev.nettybind.tls;

import java.security.KeyStore;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslStoreBundle;
import org.springframework.util.Assert;

/**
 * The key store of {@code bind.certificate-database.location}, with its optional
 * separate trust store, read through the SSL bundle that
 * {@link CertificateDatabaseBundleRegistrar} registers for them. Its stores name the
 * property at fault themselves when they cannot be loaded
 * ({@link LocationSslStoreBundle}).
 *
 * @author Netty Bind Starter contributors
 */
final class LocationKeyStoreSource implements KeyStoreSource {

	private static final String PREFIX = "bind.certificate-database.";

	private final String location;

	private final boolean passwordSet;

	LocationKeyStoreSource(CertificateDatabaseProperties properties) {
		String location = properties.getLocation();
		Assert.state(location != null, "'location' must be set");
		this.location = location;
		this.passwordSet = properties.getPassword() != null;
	}

	@Override
	public SslBundle bundle(SslBundles bundles) {
		try {
			return bundles.getBundle(bundleName());
		}
		catch (NoSuchSslBundleException ex) {
			throw new CertificateDatabaseException(property(), this.location,
					"The SSL bundle '" + bundleName() + "' of the key store " + this.location
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
		KeyStore keyStore = stores.getKeyStore();
		Assert.state(keyStore != null, () -> "The bundle '" + bundleName() + "' has no key store");
		return Stores.of(bundle, keyStore, stores.getTrustStore());
	}

	@Override
	public String bundleName() {
		return CertificateDatabaseBundleRegistrar.BUNDLE_NAME;
	}

	@Override
	public String description() {
		return this.location;
	}

	@Override
	public String property() {
		return PREFIX + "location";
	}

	@Override
	public @Nullable String unsetPasswordProperty() {
		return this.passwordSet ? null : PREFIX + "password";
	}

}
