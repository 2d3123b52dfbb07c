package dev.nettybind.sample;

import java.nio.file.Files;

import org.apache.commons.logging.Log;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Makes the demo certificate database on first run, so that the sample starts on a
 * fresh machine and no private key is ever committed: when
 * {@code bind.certificate-database.location} is a file that does not exist, it writes
 * there a key store holding a server certificate ({@value #SERVER_SUBJECT}, for
 * localhost, 127.0.0.1 and ::1) and, as a trusted certificate, the demo CA that issued
 * it; and beside it the CA and a partner's client certificate and key as PEM files, for
 * curl. An existing database is left alone; delete the folder to make new ones.
 * <p>
 * An environment post-processor, registered in {@code META-INF/spring.factories}, since
 * the files must exist before the servers read them; it runs once the configuration
 * files are read, so the location may be set anywhere (command line included).
 *
 * @author Netty Bind Starter contributors
 */
public class DemoCertificateDatabase implements EnvironmentPostProcessor {

	/**
	 * The subject of the server certificate; the {@code partner} server picks it by this
	 * DN ({@code certificate-name} in {@code application.yml}).
	 */
	public static final String SERVER_SUBJECT = "CN=localhost, O=Netty Bind Sample";

	/**
	 * The subject of the certificate, alias {@code partner-api}, that the {@code partner}
	 * server presents to clients that ask for partner.localhost or a name under it (SNI,
	 * {@code sni} in {@code application.yml}).
	 */
	public static final String PARTNER_API_SUBJECT = "CN=partner.localhost, O=Netty Bind Sample";

	/**
	 * The subject of the partner's client certificate.
	 */
	public static final String PARTNER_SUBJECT = "CN=demo-partner, O=Netty Bind Sample Partner";

	/**
	 * The subject of the demo CA, which issues them all.
	 */
	public static final String CA_SUBJECT = "CN=Netty Bind Sample Demo CA, O=Netty Bind Sample";

	private static final String PREFIX = "bind.certificate-database.";

	private final Log logger;

	public DemoCertificateDatabase(DeferredLogFactory logFactory) {
		this.logger = logFactory.getLog(DemoCertificateDatabase.class);
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		DemoCertificateFiles files = DemoCertificateFiles.of(environment.getProperty(PREFIX + "location"))
			.orElse(null);
		if (files == null || Files.exists(files.database())) {
			return;
		}
		String password = environment.getProperty(PREFIX + "password", "");
		String keyPassword = environment.getProperty(PREFIX + "key-password", password);
		DemoCertificates.Issued authority = DemoCertificates.authority(CA_SUBJECT);
		files.write(authority, DemoCertificates.server(SERVER_SUBJECT, authority),
				DemoCertificates.server(PARTNER_API_SUBJECT, authority, "partner.localhost", "*.partner.localhost"),
				DemoCertificates.client(PARTNER_SUBJECT, authority), environment.getProperty(PREFIX + "type", "PKCS12"),
				password.toCharArray(), keyPassword.toCharArray());
		this.logger.info("Made the demo certificate database " + files.database() + " (server certificates '"
				+ SERVER_SUBJECT + "' and, for SNI, '" + PARTNER_API_SUBJECT + "', trusted CA '" + CA_SUBJECT + "') and, for curl, " + files.ca().getFileName()
				+ ", " + files.partnerCertificate().getFileName() + " and " + files.partnerKey().getFileName()
				+ " beside it (client certificate '" + PARTNER_SUBJECT + "'). Delete " + files.directory()
				+ " to make new ones.");
	}

}
