package dev.nettybind.connection;

/**
 * Makes what a client sent safe to log: a control character could end a log line and
 * forge the next one (CR, LF) or drive the terminal that shows the log (ESC), so every
 * C0 and C1 control, DEL, and the Unicode line separators and bidirectional controls
 * are written as escapes ({@code \r}, {@code \n}, {@code \t}, {@code \x1b},
 * {@code \u2028}). A backslash is doubled, so that a client cannot forge an escape.
 *
 * <p>
 * Not API: public only because the access log of the {@code server} package escapes
 * with it.
 *
 * @author Netty Bind Starter contributors
 */
public final class LogSafe {

	private static final char[] HEX = "0123456789abcdef".toCharArray();

	private LogSafe() {
	}

	/**
	 * Return the text with every character that is unsafe in a log line escaped.
	 * @param text what a client sent, or text that holds it
	 * @return the text, itself when nothing needed an escape
	 */
	public static String escape(CharSequence text) {
		int length = text.length();
		int first = 0;
		while (first < length && !needsEscape(text.charAt(first))) {
			first++;
		}
		if (first == length) {
			return text.toString();
		}
		StringBuilder escaped = new StringBuilder(length + 16).append(text, 0, first);
		for (int i = first; i < length; i++) {
			char c = text.charAt(i);
			if (!needsEscape(c)) {
				escaped.append(c);
			}
			else if (c == '\\') {
				escaped.append("\\\\");
			}
			else if (c == '\r') {
				escaped.append("\\r");
			}
			else if (c == '\n') {
				escaped.append("\\n");
			}
			else if (c == '\t') {
				escaped.append("\\t");
			}
			else if (c <= 0xFF) {
				escaped.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xF]);
			}
			else {
				escaped.append("\\u")
					.append(HEX[c >> 12])
					.append(HEX[(c >> 8) & 0xF])
					.append(HEX[(c >> 4) & 0xF])
					.append(HEX[c & 0xF]);
			}
		}
		return escaped.toString();
	}

	/**
	 * Return whether a character is written as an escape: a control, a backslash, a
	 * line separator or a bidirectional control.
	 * @param c the character
	 * @return whether it is unsafe in a log line as it is
	 */
	public static boolean needsEscape(char c) {
		if (c < 0x20 || c == '\\') {
			return true;
		}
		if (c < 0x7F) {
			return false;
		}
		return c <= 0x9F || c == 0x2028 || c == 0x2029 || (c >= 0x202A && c <= 0x202E)
				|| (c >= 0x2066 && c <= 0x2069);
	}

}
