package dev.nettybind.address;

import java.net.UnknownHostException;

import dev.nettybind.diagnostics.OptionNames;
import dev.nettybind.diagnostics.ServerSetupException;

/**
 * Thrown when the {@code address} of a server is neither a symbolic address, nor an IP
 * literal, nor a host name that resolves.
 *
 * @author Netty Bind Starter contributors
 * @since 0.1.0
 */
public class UnresolvableAddressException extends ServerSetupException {

	UnresolvableAddressException(OptionNames names, String address, UnknownHostException cause) {
		super(names.serverName(), names.of("address"), address,
				"Server '" + names.serverName() + "' could not resolve its address '" + address + "' (" + cause.getMessage()
						+ ").",
				"Use a host name that resolves on this machine, an IP literal, or one of LOOPBACK_IP_V4, "
						+ "LOOPBACK_IP_V6, ANY_IP_V4, ANY_IP_V6 in '"
						+ names.of("address") + "'.",
				cause);
	}

	private UnresolvableAddressException(OptionNames names, String address, String description, String action) {
		super(names.serverName(), names.of("address"), address, description, action, null);
	}

	/**
	 * Return the exception for an address that is neither a symbolic address nor a
	 * possible host name, such as a misspelled symbolic address.
	 * @param names the names of the server and of its options
	 * @param address the address
	 * @param closest the symbolic address closest to it
	 * @return the exception
	 */
	static UnresolvableAddressException notSymbolic(OptionNames names, String address, String closest) {
		return new UnresolvableAddressException(names, address,
				"Server '" + names.serverName() + "' has the address '" + address + "', which is no symbolic address "
						+ "and, with an underscore, no host name either.",
				"Did you mean " + closest + "? Set '" + names.of("address") + "' to LOOPBACK_IP_V4, LOOPBACK_IP_V6, "
						+ "ANY_IP_V4, ANY_IP_V6, an IP literal or a host name.");
	}

	/**
	 * Return the exception for the address of a Unix domain socket whose path cannot be
	 * bound.
	 * @param names the names of the server and of its options
	 * @param address the address
	 * @param reason why the path cannot be bound
	 * @return the exception
	 */
	static UnresolvableAddressException badUnixSocketPath(OptionNames names, String address, String reason) {
		return new UnresolvableAddressException(names, address,
				"Server '" + names.serverName() + "' has the Unix domain socket address '" + address + "', whose path "
						+ reason + ".",
				"Set '" + names.of("address") + "' to 'unix:' and a path of at most 107 bytes, such as "
						+ "unix:/run/app/api.sock.");
	}

}
