package dev.nettybind;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates made in tests with BouncyCastle: a CA, server certificates for
 * localhost, 127.0.0.1 and ::1, client certificates, and the key stores, PEM files and
 * client SSL contexts that hold them. No private key is ever checked in.
 */
public final class TestCertificates {

	private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

	private TestCertificates() {
	}

	/**
	 * A certificate and its key.
	 *
	 * @param certificate the certificate
	 * @param keyPair its key pair
	 * @param chain the certificate, then its issuers
	 */
	public record Issued(X509Certificate certificate, KeyPair keyPair, X509Certificate[] chain) {

		public PrivateKey privateKey() {
			return this.keyPair.getPrivate();
		}

	}

	public static Issued ca(String dn) {
		KeyPair keyPair = keyPair();
		X509Certificate certificate = sign(dn, keyPair, dn, keyPair.getPrivate(), true, null);
		return new Issued(certificate, keyPair, new X509Certificate[] { certificate });
	}

	public static Issued server(String dn, Issued ca) {
		return issue(dn, ca, KeyPurposeId.id_kp_serverAuth);
	}

	public static Issued client(String dn, Issued ca) {
		return issue(dn, ca, KeyPurposeId.id_kp_clientAuth);
	}

	private static Issued issue(String dn, Issued ca, KeyPurposeId purpose) {
		KeyPair keyPair = keyPair();
		X509Certificate certificate = sign(dn, keyPair, ca.certificate().getSubjectX500Principal().getName(),
				ca.privateKey(), false, purpose);
		return new Issued(certificate, keyPair, new X509Certificate[] { certificate, ca.certificate() });
	}

	/**
	 * Start a PKCS12 key store.
	 * @return a builder
	 */
	public static KeyStoreBuilder keyStore() {
		return new KeyStoreBuilder();
	}

	/**
	 * An SSL context for a client that trusts the given CA and, optionally, presents a
	 * certificate.
	 * @param trusted the CA to trust
	 * @param client the client certificate, or {@code null}
	 * @return the context
	 */
	public static SSLContext clientContext(Issued trusted, Issued client) {
		try {
			KeyStore trust = KeyStore.getInstance("PKCS12");
			trust.load(null, null);
			trust.setCertificateEntry("ca", trusted.certificate());
			TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trustManagers.init(trust);
			KeyManagerFactory keyManagers = null;
			if (client != null) {
				KeyStore keys = keyStore().key("client", client).build("secret");
				keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
				keyManagers.init(keys, "secret".toCharArray());
			}
			SSLContext context = SSLContext.getInstance("TLS");
			context.init((keyManagers != null) ? keyManagers.getKeyManagers() : null, trustManagers.getTrustManagers(),
					null);
			return context;
		}
		catch (GeneralSecurityException | IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Write a certificate chain and its key as PEM files, for curl and openssl.
	 * @param issued the certificate
	 * @param directory where to write
	 * @param name the base name of the files
	 * @return the certificate file; the key file is beside it, named {@code name.key}
	 */
	public static Path writePem(Issued issued, Path directory, String name) {
		try {
			Path certificate = directory.resolve(name + ".crt");
			Files.writeString(certificate, pem(issued.certificate()));
			Files.writeString(directory.resolve(name + ".key"), pem(new JcaPKCS8Generator(issued.privateKey(), null)));
			return certificate;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String pem(Object object) throws IOException {
		StringWriter out = new StringWriter();
		try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
			writer.writeObject(object);
		}
		return out.toString();
	}

	private static KeyPair keyPair() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"));
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static X509Certificate sign(String subject, KeyPair subjectKeys, String issuer, PrivateKey issuerKey,
			boolean ca, KeyPurposeId purpose) {
		try {
			Instant now = Instant.now();
			JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Principal(issuer),
					BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(now.minus(Duration.ofDays(1))),
					Date.from(now.plus(Duration.ofDays(30))), new X500Principal(subject), subjectKeys.getPublic());
			builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
			if (ca) {
				builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
			}
			else {
				builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
				builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
				builder.addExtension(Extension.subjectAlternativeName, false,
						new GeneralNames(new GeneralName[] { new GeneralName(GeneralName.dNSName, "localhost"),
								new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
								new GeneralName(GeneralName.iPAddress, "::1") }));
			}
			return new JcaX509CertificateConverter()
				.getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Builds a PKCS12 key store.
	 */
	public static final class KeyStoreBuilder {

		private final KeyStore keyStore;

		private final Map<String, Issued> keys = new LinkedHashMap<>();

		private final Map<String, SecretKey> secretKeys = new LinkedHashMap<>();

		private KeyStoreBuilder() {
			try {
				this.keyStore = KeyStore.getInstance("PKCS12");
				this.keyStore.load(null, null);
			}
			catch (GeneralSecurityException | IOException ex) {
				throw new IllegalStateException(ex);
			}
		}

		public KeyStoreBuilder key(String alias, Issued issued) {
			this.keys.put(alias, issued);
			return this;
		}

		/**
		 * Add a secret-key entry: a key entry, but without private key or certificate.
		 * @param alias its alias
		 * @return this builder
		 */
		public KeyStoreBuilder secretKey(String alias) {
			this.secretKeys.put(alias, new SecretKeySpec(new byte[16], "AES"));
			return this;
		}

		public KeyStoreBuilder trusted(String alias, X509Certificate certificate) {
			try {
				this.keyStore.setCertificateEntry(alias, certificate);
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException(ex);
			}
			return this;
		}

		public KeyStore build(String keyPassword) {
			try {
				for (Map.Entry<String, Issued> entry : this.keys.entrySet()) {
					Certificate[] chain = entry.getValue().chain();
					this.keyStore.setKeyEntry(entry.getKey(), entry.getValue().privateKey(), keyPassword.toCharArray(),
							chain);
				}
				for (Map.Entry<String, SecretKey> entry : this.secretKeys.entrySet()) {
					this.keyStore.setKeyEntry(entry.getKey(), entry.getValue(), keyPassword.toCharArray(), null);
				}
				return this.keyStore;
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException(ex);
			}
		}

		/**
		 * Write the key store, atomically, so that a watcher never reads half of it.
		 * @param file where to write
		 * @param password the store password
		 * @param keyPassword the password of the keys
		 * @return the file
		 */
		public Path writeTo(Path file, String password, String keyPassword) {
			KeyStore keyStore = build(keyPassword);
			try {
				Path temporary = Files.createTempFile(file.getParent(), "keystore", ".tmp");
				try (OutputStream out = Files.newOutputStream(temporary)) {
					keyStore.store(out, password.toCharArray());
				}
				return Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (GeneralSecurityException | IOException ex) {
				throw new IllegalStateException(ex);
			}
		}

		public Path writeTo(Path file, String password) {
			return writeTo(file, password, password);
		}

	}

}
