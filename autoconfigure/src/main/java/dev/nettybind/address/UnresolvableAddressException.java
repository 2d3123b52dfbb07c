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

}
