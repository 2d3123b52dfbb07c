package dev.nettybind.sample;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Optional;

import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;

/**
 * Where the demo certificates live: the certificate database the servers read, and,
 * beside it, the PEM files a user hands to curl or openssl: the CA to trust
 * ({@code ca.crt}) and the partner's client certificate and key ({@code partner.crt},
 * {@code partner.key}).
 *
 * @param database the certificate database (the key store)
 * @param ca the CA certificate, PEM
 * @param partnerCertificate the partner's client certificate, PEM
 * @param partnerKey the partner's private key, PEM (PKCS#8)
 * @author Netty Bind Starter contributors
 */
public record DemoCertificateFiles(Path database, Path ca, Path partnerCertificate, Path partnerKey) {

	/**
	 * Return the files that belong to a certificate database.
	 * @param location the value of {@code bind.certificate-database.location}
	 * @return the files, or empty when the location is not a file (a class path
	 * resource, for example)
	 */
	public static Optional<DemoCertificateFiles> of(String location) {
		if (location == null) {
			return Optional.empty();
		}
		Resource resource = new DefaultResourceLoader().getResource(location);
		if (!resource.isFile()) {
			return Optional.empty();
		}
		try {
			Path database = resource.getFile().toPath().toAbsolutePath().normalize();
			Path directory = database.getParent();
			return Optional.of(new DemoCertificateFiles(database, directory.resolve("ca.crt"),
					directory.resolve("partner.crt"), directory.resolve("partner.key")));
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

	/**
	 * Return the folder of the files.
	 * @return the folder
	 */
	public Path directory() {
		return this.database.getParent();
	}

	/**
	 * Write the files. The database is written last, so that a run interrupted halfway
	 * makes them all again next time; each file is written whole or not at all, and
	 * readable by its owner only, since two of them hold private keys.
	 * @param authority the CA, trusted for client certificates
	 * @param server the server certificate, a key entry of the database
	 * @param partnerApi the certificate of the partner server's SNI names, a key entry
	 * @param partner the partner's client certificate
	 * @param type the key store type, such as PKCS12
	 * @param password the key store password
	 * @param keyPassword the password of the key entries
	 */
	void write(DemoCertificates.Issued authority, DemoCertificates.Issued server, DemoCertificates.Issued partnerApi,
			DemoCertificates.Issued partner, String type, char[] password, char[] keyPassword) {
		try {
			Files.createDirectories(directory());
			writeAtomically(this.ca, pem(authority.certificate()));
			writeAtomically(this.partnerCertificate, pem(partner.certificate()));
			writeAtomically(this.partnerKey, pem(new JcaPKCS8Generator(partner.privateKey(), null)));
			KeyStore keyStore = KeyStore.getInstance(type);
			keyStore.load(null, null);
			keyStore.setKeyEntry("server", server.privateKey(), keyPassword, server.chain());
			keyStore.setKeyEntry("partner-api", partnerApi.privateKey(), keyPassword, partnerApi.chain());
			keyStore.setCertificateEntry("ca", authority.certificate());
			Path temporary = temporaryFile(this.database);
			try (OutputStream out = Files.newOutputStream(temporary)) {
				keyStore.store(out, password);
			}
			Files.move(temporary, this.database, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write the demo certificates to " + directory(), ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not make the demo certificate database " + this.database, ex);
		}
	}

	private static void writeAtomically(Path file, String content) throws IOException {
		Path temporary = temporaryFile(file);
		Files.writeString(temporary, content);
		Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
	}

	private static Path temporaryFile(Path file) throws IOException {
		// A temporary file is created readable by its owner only, on POSIX file systems.
		return Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
	}

	private static String pem(Object object) throws IOException {
		StringWriter out = new StringWriter();
		try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
			writer.writeObject(object);
		}
		return out.toString();
	}

}
