package dev.nettybind.shared;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.nettybind.diagnostics.ServerSetupException;

/**
 * Makes the path of a Unix domain socket free to bind: a socket file left by a process
 * that died is removed, but one that a live process listens on is never taken (a
 * connection to it is tried first), nor is a file that is not a socket.
 *
 * @author Netty Bind Starter contributors
 */
final class UnixSocketFile {

	private static final Log logger = LogFactory.getLog(UnixSocketFile.class);

	/**
	 * The file type bits of {@code st_mode}, and those of a socket.
	 */
	private static final int S_IFMT = 0170000;

	private static final int S_IFSOCK = 0140000;

	private UnixSocketFile() {
	}

	/**
	 * Free the path of the socket a request binds.
	 * @param request the request, of a Unix domain socket
	 * @throws AddressInUseException if a live process listens on the path
	 * @throws ServerSetupException if the path is a file of another kind
	 */
	static void claim(SocketRequest request) {
		Path path = request.path();
		int mode;
		try {
			mode = (int) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
		}
		catch (NoSuchFileException ex) {
			return;
		}
		catch (IOException | UnsupportedOperationException ex) {
			// Left to the bind, which fails with the reason if the path is unusable.
			return;
		}
		if ((mode & S_IFMT) != S_IFSOCK) {
			throw new ServerSetupException(request.serverName(), request.names().of("address"),
					request.where(request.port()),
					"Server '" + request.serverName() + "' cannot bind " + request.where(request.port())
							+ ": the path exists and is not a socket.",
					"Remove the file, or change '" + request.names().of("address") + "' to another path.", null);
		}
		if (isListening(path)) {
			throw AddressInUseException.liveUnixSocket(request);
		}
		try {
			Files.deleteIfExists(path);
			logger.info("Server '" + request.serverName() + "' removed the stale socket file " + path
					+ ": no process listened on it");
		}
		catch (IOException ex) {
			// Left to the bind, which fails as the address in use.
			logger.debug("Could not remove the stale socket file " + path, ex);
		}
	}

	private static boolean isListening(Path path) {
		try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
			channel.connect(UnixDomainSocketAddress.of(path));
			return true;
		}
		catch (IOException ex) {
			// Refused: nothing listens on the file any more.
			return false;
		}
	}

}
