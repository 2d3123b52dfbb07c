package dev.nettybind.tls;

/**
 * Whether a secure server asks its clients for a certificate.
 *
 * @author Netty Bind Starter contributors
 * @since 0.1.0
 */
public enum ClientCertificateMode {

	/**
	 * Clients are not asked for a certificate.
	 */
	NONE,

	/**
	 * Clients are asked for a certificate: one that does not chain to a trusted
	 * certificate of the database fails the handshake, but a client that sends none is
	 * accepted (Dart's {@code requestClientCertificate}).
	 */
	REQUEST,

	/**
	 * Clients must send a certificate that chains to a trusted certificate of the
	 * database; a client that sends none fails the handshake.
	 */
	REQUIRE

}
