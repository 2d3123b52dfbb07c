package dev.nettybind.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.channel.unix.DomainSocketReadMode;
import io.netty.channel.unix.FileDescriptor;
import io.netty.channel.unix.UnixChannelOption;
import io.netty.util.ReferenceCountUtil;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.nettybind.shared.ListeningSocket;

/**
 * Hands the listening sockets of this process to the next process of the application,
 * as nginx does on a binary upgrade: the new process, started with the same
 * {@code bind.handover.path}, connects to the old one's handover socket there, receives
 * a duplicate of every listening socket (SCM_RIGHTS) and serves them instead of binding
 * new ones. Both then accept from the same queues, so that no connection is refused or
 * lost while the old one drains. The handover socket itself is handed over too, for the
 * restart after.
 * <p>
 * Two connections: on the first the new process sends {@code m} and reads the manifest,
 * the server names of each socket in order; on the second, read as descriptors, it sends
 * {@code f} and receives the sockets in that order, the handover socket last. Epoll only.
 *
 * @author Netty Bind Starter contributors
 */
final class SocketHandover {

	private static final Log logger = LogFactory.getLog(SocketHandover.class);

	private static final String HEADER = "netty-bind-handover 1";

	private static final int HANDOVER_BACKLOG = 16;

	private final Path path;

	private final Channel listener;

	private final Offer offer;

	private SocketHandover(Path path, Channel listener, Offer offer) {
		this.path = path;
		this.listener = listener;
		this.offer = offer;
	}

	/**
	 * Take the sockets of the process that offers them on a path, if one does.
	 * @param path the path of the handover socket
	 * @param group event loops to connect with
	 * @param timeout how long the handover may take
	 * @return what was received, empty when no process offers sockets there
	 * @throws IOException if a process offers them but the handover failed
	 */
	static Received receive(Path path, EventLoopGroup group, Duration timeout) throws IOException {
		if (!Files.exists(path)) {
			return Received.NONE;
		}
		String manifest;
		try {
			manifest = exchange(path, group, timeout, false, new ManifestReader());
		}
		catch (IOException ex) {
			// Nothing listens there: a process that offered sockets died.
			logger.debug("No handover on " + path + ": " + ex.getMessage());
			return Received.NONE;
		}
		List<List<String>> sockets = parse(manifest, path);
		List<Integer> descriptors = exchange(path, group, timeout, true, new DescriptorReader(sockets.size() + 1));
		Map<String, Integer> byServer = new LinkedHashMap<>();
		for (int i = 0; i < sockets.size(); i++) {
			for (String name : sockets.get(i)) {
				byServer.put(name, descriptors.get(i));
			}
		}
		return new Received(byServer, descriptors.get(sockets.size()));
	}

	/**
	 * Offer the sockets of this process on a path.
	 * @param path the path of the handover socket
	 * @param inheritedListener the handover socket received from the previous process,
	 * or {@code null} to bind one
	 * @param group event loops to serve it with
	 * @param sockets the listening sockets to hand over, read at each handover
	 * @return the handover, to close when the servers stop
	 * @throws IOException if the handover socket cannot be bound
	 */
	static SocketHandover offer(Path path, @Nullable Integer inheritedListener, EventLoopGroup group,
			Supplier<List<ListeningSocket>> sockets) throws IOException {
		int descriptor;
		if (inheritedListener != null) {
			descriptor = inheritedListener;
		}
		else {
			Files.deleteIfExists(path);
			descriptor = EpollSockets.bindDomainSocket(path, HANDOVER_BACKLOG);
		}
		Offer offer = new Offer(sockets, descriptor);
		Channel listener = new ServerBootstrap().group(group, group)
			.channelFactory(() -> new EpollServerDomainSocketChannel(descriptor, true))
			.childHandler(offer)
			.register()
			.syncUninterruptibly()
			.channel();
		return new SocketHandover(path, listener, offer);
	}

	/**
	 * Stop offering the sockets; the file of the handover socket is kept when another
	 * process took them, which offers them on it now, and removed otherwise.
	 */
	void close() {
		this.listener.close().syncUninterruptibly();
		if (!this.offer.handedOver) {
			try {
				Files.deleteIfExists(this.path);
			}
			catch (IOException ex) {
				logger.warn("Could not remove the handover socket " + this.path + ": " + ex);
			}
		}
	}

	private static <T> T exchange(Path path, EventLoopGroup group, Duration timeout, boolean descriptors,
			Reader<T> reader) throws IOException {
		Bootstrap bootstrap = new Bootstrap().group(group)
			.channelFactory(EpollDomainSocketChannel::new)
			.handler(reader);
		if (descriptors) {
			bootstrap.option(UnixChannelOption.DOMAIN_SOCKET_READ_MODE, DomainSocketReadMode.FILE_DESCRIPTORS);
		}
		Channel channel = bootstrap.connect(new DomainSocketAddress(path.toFile())).awaitUninterruptibly().channel();
		try {
			return reader.result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof IOException io) ? io : new IOException(ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new IOException("the process offering its sockets on " + path + " did not answer in " + timeout);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException(ex);
		}
		finally {
			channel.close();
		}
	}

	private static List<List<String>> parse(String manifest, Path path) throws IOException {
		List<String> lines = manifest.lines().toList();
		if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
			throw new IOException("the process on " + path + " does not speak the handover protocol of this version");
		}
		List<List<String>> sockets = new ArrayList<>();
		for (String line : lines.subList(1, lines.size())) {
			sockets.add(List.of(line.split(",")));
		}
		return sockets;
	}

	/**
	 * Sockets received from the previous process.
	 *
	 * @param descriptors the descriptor of each server's socket, by server name
	 * @param listener the descriptor of the handover socket, or {@code null}
	 */
	record Received(Map<String, Integer> descriptors, @Nullable Integer listener) {

		static final Received NONE = new Received(Map.of(), null);

	}

	/**
	 * Serves one connection of the next process: the manifest, or the sockets.
	 */
	private static final class Offer extends ChannelInboundHandlerAdapter {

		private final Supplier<List<ListeningSocket>> sockets;

		private final int listener;

		private volatile List<ListeningSocket> manifested = List.of();

		private volatile boolean handedOver;

		Offer(Supplier<List<ListeningSocket>> sockets, int listener) {
			this.sockets = sockets;
			this.listener = listener;
		}

		@Override
		public boolean isSharable() {
			return true;
		}

		@Override
		public void channelRead(ChannelHandlerContext context, Object message) {
			try {
				if (!(message instanceof ByteBuf request) || !request.isReadable()) {
					return;
				}
				if (request.getByte(request.readerIndex()) == 'm') {
					this.manifested = this.sockets.get().stream().filter(ListeningSocket::isBound).toList();
					StringBuilder manifest = new StringBuilder(HEADER).append('\n');
					this.manifested.forEach((socket) -> manifest.append(String.join(",", socket.serverNames()))
						.append('\n'));
					context.writeAndFlush(Unpooled.copiedBuffer(manifest, StandardCharsets.UTF_8))
						.addListener(ChannelFutureListener.CLOSE);
					return;
				}
				for (ListeningSocket socket : this.manifested) {
					Channel channel = socket.serverChannel();
					if (channel == null) {
						context.close();
						return;
					}
					context.write(new FileDescriptor(EpollSockets.descriptor(channel)));
					socket.handedOver();
				}
				context.writeAndFlush(new FileDescriptor(this.listener));
				this.handedOver = true;
				logger.info("Handed " + this.manifested.size() + " listening socket(s) to the next process");
			}
			finally {
				ReferenceCountUtil.release(message);
			}
		}

	}

	/**
	 * Reads one answer of the previous process.
	 */
	private abstract static class Reader<T> extends ChannelInboundHandlerAdapter {

		final CompletableFuture<T> result = new CompletableFuture<>();

		private final char request;

		Reader(char request) {
			this.request = request;
		}

		@Override
		public void channelActive(ChannelHandlerContext context) {
			context.writeAndFlush(Unpooled.wrappedBuffer(new byte[] { (byte) this.request }));
		}

		@Override
		public void channelInactive(ChannelHandlerContext context) {
			this.result.completeExceptionally(new IOException("the previous process closed the handover early"));
		}

		@Override
		public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
			this.result.completeExceptionally(cause);
			context.close();
		}

	}

	private static final class ManifestReader extends Reader<String> {

		private final StringBuilder manifest = new StringBuilder();

		ManifestReader() {
			super('m');
		}

		@Override
		public void channelRead(ChannelHandlerContext context, Object message) {
			try {
				this.manifest.append(((ByteBuf) message).toString(StandardCharsets.UTF_8));
			}
			finally {
				ReferenceCountUtil.release(message);
			}
		}

		@Override
		public void channelInactive(ChannelHandlerContext context) {
			this.result.complete(this.manifest.toString());
		}

	}

	private static final class DescriptorReader extends Reader<List<Integer>> {

		private final int count;

		private final List<Integer> descriptors = new ArrayList<>();

		DescriptorReader(int count) {
			super('f');
			this.count = count;
		}

		@Override
		public void channelRead(ChannelHandlerContext context, Object message) {
			this.descriptors.add(((FileDescriptor) message).intValue());
			if (this.descriptors.size() == this.count) {
				this.result.complete(List.copyOf(this.descriptors));
				context.close();
			}
		}

	}

}
