package dev.nettybind.tls;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.ssl.SslBundleRegistrar;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleKey;
import org.springframework.boot.ssl.SslBundleRegistry;
import org.springframework.core.io.ResourceLoader;

/**
 * Registers the key store of {@code bind.certificate-database.location} (and its
 * trust store) as the SSL bundle {@value #BUNDLE_NAME}, loaded as
 * {@code spring.ssl.bundle.jks.*} would load it, and with {@code reload-on-update}
 * updates the bundle when a store file changes.
 *
 * @author Netty Bind Starter contributors
 */
final class CertificateDatabaseBundleRegistrar implements SslBundleRegistrar, DisposableBean {

	/**
	 * The name of the bundle in the application's {@code SslBundles}.
	 */
	static final String BUNDLE_NAME = "bind-certificate-database";

	private final CertificateDatabaseProperties properties;

	private final ResourceLoader resourceLoader;

	private volatile @Nullable SslBundleRegistry registry;

	private @Nullable KeyStoreFileWatcher watcher;

	CertificateDatabaseBundleRegistrar(CertificateDatabaseProperties properties, ResourceLoader resourceLoader) {
		this.properties = properties;
		this.resourceLoader = resourceLoader;
	}

	@Override
	public synchronized void registerBundles(SslBundleRegistry registry) {
		registry.registerBundle(BUNDLE_NAME, bundle());
		this.registry = registry;
		if (this.properties.isReloadOnUpdate() && this.watcher == null) {
			this.watcher = new KeyStoreFileWatcher(this.resourceLoader, locations(),
					this.properties.getReloadCheckInterval(), this::update);
		}
	}

	/**
	 * Read the store files again into a new bundle, and update the registered one with
	 * it, which tells the bundle's update handlers.
	 */
	void update() {
		SslBundleRegistry registry = this.registry;
		if (registry != null) {
			registry.updateBundle(BUNDLE_NAME, bundle());
		}
	}

	@Override
	public synchronized void destroy() {
		if (this.watcher != null) {
			this.watcher.close();
			this.watcher = null;
		}
	}

	/**
	 * Return a new bundle of the stores; like Boot's, it reads them when first asked. Not
	 * Boot's {@code PropertiesSslBundle}, whose stores would fail with messages that do
	 * not name the property at fault.
	 */
	private SslBundle bundle() {
		return SslBundle.of(new LocationSslStoreBundle(this.properties, this.resourceLoader),
				SslBundleKey.of(this.properties.getKeyPassword(), null));
	}

	private List<String> locations() {
		List<String> locations = new ArrayList<>();
		locations.add(this.properties.getLocation());
		if (this.properties.getTrustStore().getLocation() != null) {
			locations.add(this.properties.getTrustStore().getLocation());
		}
		return locations;
	}

}
