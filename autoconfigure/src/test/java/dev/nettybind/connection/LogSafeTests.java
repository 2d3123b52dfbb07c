package dev.nettybind.connection;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LogSafe}: which characters a log line gets as an escape, and how.
 */
class LogSafeTests {

	@Test
	void textWithNothingToEscapeIsReturnedAsItIs() {
		String text = "GET /caf\u00e9?q=1 HTTP/1.1 ~";
		assertThat(LogSafe.escape(text)).isSameAs(text);
	}

	@Test
	void textOfAStringBuilderIsItsString() {
		assertThat(LogSafe.escape(new StringBuilder("plain"))).isEqualTo("plain");
	}

	@Test
	void emptyTextStaysEmpty() {
		assertThat(LogSafe.escape("")).isEmpty();
	}

	@Test
	void lineBreaksAndTabsGetTheirShortEscapes() {
		assertThat(LogSafe.escape("a\rb\nc\td")).isEqualTo("a\\rb\\nc\\td");
	}

	@Test
	void backslashIsDoubledSoThatNoEscapeCanBeForged() {
		assertThat(LogSafe.escape("\\n")).isEqualTo("\\\\n");
		assertThat(LogSafe.escape("a\\")).isEqualTo("a\\\\");
	}

	@Test
	void otherControlsOfOneByteAreHexEscapes() {
		assertThat(LogSafe.escape("\u0000\u001b[31m\u007f\u0085\u009f")).isEqualTo("\\x00\\x1b[31m\\x7f\\x85\\x9f");
	}

	@Test
	void lineSeparatorsAndBidirectionalControlsAreUnicodeEscapes() {
		assertThat(LogSafe.escape("\u2028\u2029\u202a\u202e\u2066\u2069"))
			.isEqualTo("\\u2028\\u2029\\u202a\\u202e\\u2066\\u2069");
	}

	@Test
	void everyDigitOfAUnicodeEscapeIsWritten() {
		assertThat(LogSafe.escape("x\u202dy")).isEqualTo("x\\u202dy");
	}

	@Test
	void charactersBeforeTheFirstEscapeAreKept() {
		assertThat(LogSafe.escape("abc\ndef\u0001")).isEqualTo("abc\\ndef\\x01");
	}

	@ParameterizedTest
	@ValueSource(chars = { '\u0000', '\u001f', '\\', '\u007f', '\u0080', '\u009f', '\u2028', '\u2029', '\u202a',
			'\u202e', '\u2066', '\u2069' })
	void needsEscapeForControlsBackslashAndSeparators(char c) {
		assertThat(LogSafe.needsEscape(c)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(chars = { ' ', 'a', '~', '\u00a0', '\u00e9', '\u2027', '\u202f', '\u2065', '\u206a', '\uffff' })
	void needsNoEscapeForPrintableCharacters(char c) {
		assertThat(LogSafe.needsEscape(c)).isFalse();
	}

}
