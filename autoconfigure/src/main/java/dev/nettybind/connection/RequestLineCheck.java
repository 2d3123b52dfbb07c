package dev.nettybind.connection;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.ByteProcessor;

/**
 * Reads the request lines of an HTTP/1.1 connection as the client sent them, before
 * Netty's decoder, which loses what this server must refuse: it trims the bytes up to SP
 * around each word ({@code "FOO\x01"} is the method {@code FOO}) and splits words on
 * HTAB, VT, FF and bare CR as on SP. A line with a control byte (other than its CRLF), a
 * byte above DEL, or a method byte outside the RFC 9110 {@code token} set is marked, and
 * {@link RequestStreamGuard} gives the request that the decoder makes of it a
 * {@link RefusedMethod}, which {@link RequestScreen} refuses with 400 and
 * {@code Connection: close}. Empty lines
 * before a request line are allowed (RFC 9112 2.2), and so are several SP between words.
 * <p>
 * Only the decoder knows where a request ends, so the line is read where the decoder is
 * known to stand at the start of one: at the start of the connection, and where it stands
 * in the bytes it was handed when the guard sees a request end (the decoder reads them
 * in place when it holds nothing from before); else at the start of the next bytes. So
 * that a line read at the wrong place never refuses a request, the mark holds the method
 * and target as the decoder makes them of the line (length and hash), and applies only to
 * the request that has them. It copies and allocates nothing; the cost is a look at each
 * byte of a request line.
 *
 * @author Netty Bind Starter contributors
 */
final class RequestLineCheck extends ChannelInboundHandlerAdapter implements ByteProcessor {

	static final String NAME = "bind.requestLineCheck";

	// Netty's decoder refuses a longer line long before (max-initial-line-length).
	private static final int MAX_LINE_LENGTH = 64 * 1024;

	private static final boolean[] TCHAR = new boolean[128];

	static {
		// RFC 9110 5.6.2: tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "."
		// / "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA
		for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
			TCHAR[c] = true;
		}
		for (char c = '0'; c <= '9'; c++) {
			TCHAR[c] = true;
		}
		for (char c = 'a'; c <= 'z'; c++) {
			TCHAR[c] = true;
			TCHAR[Character.toUpperCase(c)] = true;
		}
	}

	private boolean scanning = true;

	private boolean scanNextRead;

	private ByteBuf forwarding;

	// The line being read, then the mark of the last line read, until the decoder makes
	// a request of it: the next line is read only after that request.

	private int length;

	private int word;

	private boolean inWord;

	private boolean pendingCr;

	private boolean bad;

	private int methodHash;

	private int methodLength;

	private int visibleMethodHash;

	private int visibleMethodLength;

	private int targetHash;

	private int targetLength;

	private boolean marked;

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		if (!(msg instanceof ByteBuf buffer)) {
			ctx.fireChannelRead(msg);
			return;
		}
		if (this.scanNextRead) {
			this.scanNextRead = false;
			startLine();
		}
		if (this.scanning) {
			scan(buffer, buffer.readerIndex());
		}
		// Held while the decoder reads it, so that requestEnded may look at it.
		this.forwarding = buffer.retain();
		try {
			ctx.fireChannelRead(buffer);
		}
		finally {
			this.forwarding = null;
			buffer.release();
		}
	}

	/**
	 * Called by the guard, right after the decoder, as a request ends: the decoder stands
	 * where the next one begins.
	 */
	void requestEnded() {
		ByteBuf buffer = this.forwarding;
		if (buffer != null && buffer.isReadable()) {
			// The decoder reads the bytes it was handed in place: it stands at readerIndex.
			startLine();
			scan(buffer, buffer.readerIndex());
		}
		else {
			this.scanning = false;
			this.scanNextRead = true;
		}
	}

	/**
	 * Return whether the request, just decoded, comes from a line that must be refused;
	 * forget the mark either way.
	 * @param request the request
	 * @return whether to refuse it
	 */
	boolean refuses(HttpRequest request) {
		if (!this.marked) {
			return false;
		}
		this.marked = false;
		String method = request.method().name();
		String target = request.uri();
		return method.length() == this.visibleMethodLength && method.hashCode() == this.visibleMethodHash
				&& target.length() == this.targetLength && target.hashCode() == this.targetHash;
	}

	private void startLine() {
		this.scanning = true;
		this.marked = false;
		this.length = 0;
		this.word = 0;
		this.inWord = false;
		this.pendingCr = false;
		this.bad = false;
		this.methodHash = 0;
		this.methodLength = 0;
		this.visibleMethodHash = 0;
		this.visibleMethodLength = 0;
		this.targetHash = 0;
		this.targetLength = 0;
	}

	private void scan(ByteBuf buffer, int from) {
		int end = buffer.writerIndex();
		if (from < end) {
			// forEachByte checks the bounds once, not at each byte as getByte does.
			buffer.forEachByte(from, end - from, this);
		}
	}

	/**
	 * Take the next byte of the line: {@link ByteBuf#forEachByte} calls this.
	 * @param value the byte
	 * @return whether to go on
	 */
	@Override
	public boolean process(byte value) {
		accept(value & 0xFF);
		return this.scanning;
	}

	private void accept(int b) {
		if (this.pendingCr) {
			this.pendingCr = false;
			if (b == '\n') {
				endLine();
				return;
			}
			// A bare CR: Netty splits words on it.
			this.bad = true;
			separator();
		}
		if (b == '\n') {
			endLine();
			return;
		}
		if (b == '\r') {
			this.pendingCr = true;
			return;
		}
		if (++this.length > MAX_LINE_LENGTH) {
			this.scanning = false;
			return;
		}
		if (b == ' ' || b == '\t' || b == 0x0B || b == 0x0C) {
			// Netty's separators (RFC 9112 3: a lenient parser may split on these): only SP
			// is allowed, and not before the method.
			this.bad |= (b != ' ') || (this.word == 0 && !this.inWord);
			separator();
			return;
		}
		if (b < 0x20 || b >= 0x7F || (this.word == 0 && !TCHAR[b])) {
			this.bad = true;
		}
		this.inWord = true;
		if (this.word == 0) {
			// Netty trims the method: bytes up to SP do not count at its ends.
			boolean visible = b > ' ';
			if (visible || this.methodLength > 0) {
				this.methodHash = 31 * this.methodHash + b;
				this.methodLength++;
			}
			if (visible) {
				this.visibleMethodHash = this.methodHash;
				this.visibleMethodLength = this.methodLength;
			}
		}
		else if (this.word == 1) {
			this.targetHash = 31 * this.targetHash + b;
			this.targetLength++;
		}
	}

	private void separator() {
		if (this.inWord) {
			this.inWord = false;
			this.word++;
		}
	}

	private void endLine() {
		if (this.word == 0 && this.visibleMethodLength == 0) {
			// An empty line before the request line, or one that Netty skips as it skips
			// control bytes there: the request line is still to come, marked if bad.
			this.length = 0;
			this.inWord = false;
			return;
		}
		this.scanning = false;
		this.marked = this.bad;
	}

	/**
	 * The method of a request whose line is refused: its name is the one Netty decoded, so
	 * that the codec and Reactor Netty treat it as they would that method.
	 */
	static final class RefusedMethod extends HttpMethod {

		RefusedMethod(HttpMethod decoded) {
			super(decoded.name());
		}

	}

}
