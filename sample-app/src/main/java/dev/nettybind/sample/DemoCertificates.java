package dev.nettybind.sample;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Date;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Issues the demo certificates with BouncyCastle: a CA, a server certificate for
 * localhost, 127.0.0.1 and ::1, and client certificates. EC P-256 keys, which curl,
 * openssl and every TLS stack of today accept.
 *
 * @author Netty Bind Starter contributors
 */
final class DemoCertificates {

	/**
	 * Long enough that the demo keeps working; delete the folder to make new ones.
	 */
	static final Duration VALIDITY = Duration.ofDays(3 * 365);

	private static final SecureRandom RANDOM = new SecureRandom();

	private DemoCertificates() {
	}

	/**
	 * A certificate and its private key.
	 *
	 * @param certificate the certificate
	 * @param privateKey its private key
	 * @param issuer the certificate of its issuer, itself for a CA
	 */
	record Issued(X509Certificate certificate, PrivateKey privateKey, X509Certificate issuer) {

		X509Certificate[] chain() {
			return this.certificate.equals(this.issuer) ? new X509Certificate[] { this.certificate }
					: new X509Certificate[] { this.certificate, this.issuer };
		}

	}

	static Issued authority(String subject) {
		KeyPair keys = keyPair();
		X509Certificate certificate = sign(builder(subject, keys, new X500Principal(subject)).ca(), keys.getPrivate());
		return new Issued(certificate, keys.getPrivate(), certificate);
	}

	/**
	 * Issue a server certificate for the local names (localhost, 127.0.0.1, ::1) and the
	 * given DNS names.
	 */
	static Issued server(String subject, Issued authority, String... dnsNames) {
		return issue(subject, authority, KeyPurposeId.id_kp_serverAuth, dnsNames);
	}

	static Issued client(String subject, Issued authority) {
		return issue(subject, authority, KeyPurposeId.id_kp_clientAuth);
	}

	private static Issued issue(String subject, Issued authority, KeyPurposeId purpose, String... dnsNames) {
		KeyPair keys = keyPair();
		Builder builder = builder(subject, keys, authority.certificate().getSubjectX500Principal())
			.endEntity(purpose, authority.certificate());
		if (purpose == KeyPurposeId.id_kp_serverAuth) {
			// Every name a user may type: curl checks the host against these.
			builder.names(dnsNames);
		}
		return new Issued(sign(builder, authority.privateKey()), keys.getPrivate(), authority.certificate());
	}

	private static Builder builder(String subject, KeyPair subjectKeys, X500Principal issuer) {
		Instant now = Instant.now();
		// An hour back, for a client whose clock is a little behind.
		return new Builder(new JcaX509v3CertificateBuilder(issuer, new BigInteger(63, RANDOM),
				Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(VALIDITY)), new X500Principal(subject),
				subjectKeys.getPublic()), subjectKeys);
	}

	private static X509Certificate sign(Builder builder, PrivateKey issuerKey) {
		try {
			return new JcaX509CertificateConverter().getCertificate(
					builder.certificate.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
		}
		catch (GeneralSecurityException | OperatorCreationException ex) {
			throw new IllegalStateException("Could not sign a demo certificate", ex);
		}
	}

	private static KeyPair keyPair() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"));
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not make an EC key pair", ex);
		}
	}

	/**
	 * The extensions of a certificate being built.
	 */
	private static final class Builder {

		private final JcaX509v3CertificateBuilder certificate;

		private final KeyPair subjectKeys;

		private Builder(JcaX509v3CertificateBuilder certificate, KeyPair subjectKeys) {
			this.certificate = certificate;
			this.subjectKeys = subjectKeys;
		}

		Builder ca() {
			try {
				this.certificate.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
				this.certificate.addExtension(Extension.keyUsage, true,
						new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
				this.certificate.addExtension(Extension.subjectKeyIdentifier, false,
						new JcaX509ExtensionUtils().createSubjectKeyIdentifier(this.subjectKeys.getPublic()));
				return this;
			}
			catch (CertIOException | GeneralSecurityException ex) {
				throw new IllegalStateException(ex);
			}
		}

		Builder endEntity(KeyPurposeId purpose, X509Certificate issuer) {
			try {
				JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
				this.certificate.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
				this.certificate.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
				this.certificate.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
				this.certificate.addExtension(Extension.subjectKeyIdentifier, false,
						extensions.createSubjectKeyIdentifier(this.subjectKeys.getPublic()));
				this.certificate.addExtension(Extension.authorityKeyIdentifier, false,
						extensions.createAuthorityKeyIdentifier(issuer));
				return this;
			}
			catch (CertIOException | GeneralSecurityException ex) {
				throw new IllegalStateException(ex);
			}
		}

		Builder names(String... dnsNames) {
			List<GeneralName> names = new ArrayList<>(List.of(new GeneralName(GeneralName.dNSName, "localhost"),
					new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.iPAddress, "::1")));
			for (String dnsName : dnsNames) {
				names.add(new GeneralName(GeneralName.dNSName, dnsName));
			}
			try {
				this.certificate.addExtension(Extension.subjectAlternativeName, false,
						new GeneralNames(names.toArray(GeneralName[]::new)));
				return this;
			}
			catch (CertIOException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

}
