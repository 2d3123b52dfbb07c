package dev.nettybind.tls;

import java.time.Duration;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.context.properties.source.MutuallyExclusiveConfigurationPropertiesException;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.boot.io.ApplicationResourceLoader;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.StringUtils;

/**
 * Configures the {@link CertificateDatabase} when {@code bind.certificate-database}
 * names a key store, which it registers as an SSL bundle, or an SSL bundle.
 *
 * @author Netty Bind Starter contributors
 * @since 0.1.0
 */
@Configuration(proxyBeanMethods = false)
@Conditional(CertificateDatabaseConfiguration.OnCertificateDatabaseCondition.class)
public class CertificateDatabaseConfiguration {

	private static final String PREFIX = "bind.certificate-database.";

	/**
	 * The settings of a key store database, which a bundle brings itself.
	 */
	private static final List<String> KEY_STORE_SETTINGS = List.of("location", "type", "password", "key-password",
			"trust-store.location", "trust-store.type", "trust-store.password");

	@Bean
	@ConditionalOnCertificateDatabaseSetting("location")
	CertificateDatabaseBundleRegistrar certificateDatabaseBundleRegistrar(CertificateDatabaseProperties database,
			ResourceLoader resourceLoader) {
		Duration interval = database.getReloadCheckInterval();
		if (database.isReloadOnUpdate() && interval.toMillis() < 1) {
			throw new InvalidConfigurationPropertyValueException("bind.certificate-database.reload-check-interval",
					DurationStyle.SIMPLE.print(interval), "It must be at least 1ms, for example 2s.");
		}
		// Resolved as Boot resolves the locations of spring.ssl.bundle.jks.
		return new CertificateDatabaseBundleRegistrar(database, ApplicationResourceLoader.get(resourceLoader, true));
	}

	@Bean
	@ConditionalOnMissingBean
	CertificateDatabase certificateDatabase(CertificateDatabaseProperties database,
			ObjectProvider<CertificateDatabaseBundleRegistrar> registrar, ObjectProvider<SslBundles> sslBundles,
			Environment environment) {
		KeyStoreSource source;
		Runnable update;
		if (StringUtils.hasText(database.getBundle())) {
			rejectKeyStoreSettings(database.getBundle(), environment);
			source = new SslBundleKeyStoreSource(database.getBundle());
			update = null;
		}
		else {
			source = new LocationKeyStoreSource(database);
			update = registrar.getObject()::update;
		}
		SslBundles bundles = sslBundles.getObject();
		CertificateDatabase certificateDatabase = new CertificateDatabase(bundles, source, update);
		try {
			bundles.addBundleUpdateHandler(source.bundleName(), certificateDatabase::reload);
		}
		catch (NoSuchSslBundleException ex) {
			// The first secure server reports it, naming itself and the property.
		}
		return certificateDatabase;
	}

	/**
	 * Fail when a setting of a key store database is given beside a bundle, which would
	 * ignore it. Each is looked up in the environment, as the bound properties always
	 * have a type (the default), and reported as a pair with the bundle, since these
	 * settings exclude the bundle, not each other.
	 */
	private static void rejectKeyStoreSettings(String bundleName, Environment environment) {
		Binder binder = Binder.get(environment);
		for (String setting : KEY_STORE_SETTINGS) {
			MutuallyExclusiveConfigurationPropertiesException.throwIfMultipleNonNullValuesIn((entries) -> {
				entries.put(PREFIX + "bundle", bundleName);
				// An empty value removes a setting, on the command line for example.
				String value = binder.bind(PREFIX + setting, String.class).orElse(null);
				entries.put(PREFIX + setting, StringUtils.hasText(value) ? value : null);
			});
		}
	}

	static class OnCertificateDatabaseCondition extends AnyNestedCondition {

		OnCertificateDatabaseCondition() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnCertificateDatabaseSetting("location")
		static class Location {

		}

		@ConditionalOnCertificateDatabaseSetting("bundle")
		static class Bundle {

		}

	}

}
