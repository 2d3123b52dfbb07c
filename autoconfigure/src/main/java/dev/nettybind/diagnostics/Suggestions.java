package dev.nettybind.diagnostics;

import java.util.Collection;
import java.util.Comparator;

import org.jspecify.annotations.Nullable;

/**
 * Finds what a misspelled name was meant to be, for "did you mean" in failure reports.
 *
 * @author Netty Bind Starter contributors
 * @since 0.2.0
 */
public final class Suggestions {

	private Suggestions() {
	}

	/**
	 * Return the known name closest to the given one, if it is close enough to be a
	 * misspelling of it: at most a third of its letters differ.
	 * @param name the name as written
	 * @param known the names that exist
	 * @return the closest known name, or {@code null}
	 */
	public static @Nullable String closest(String name, Collection<String> known) {
		return known.stream()
			.min(Comparator.comparingInt((candidate) -> editDistance(name, candidate)))
			.filter((candidate) -> editDistance(name, candidate) <= Math.max(2, name.length() / 3))
			.orElse(null);
	}

	/**
	 * Return the Levenshtein distance of two strings: the fewest insertions, deletions
	 * and substitutions that turn one into the other.
	 * @param one a string
	 * @param other another string
	 * @return the distance
	 */
	public static int editDistance(String one, String other) {
		int[] previous = new int[other.length() + 1];
		int[] current = new int[other.length() + 1];
		for (int j = 0; j <= other.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= one.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= other.length(); j++) {
				int substitution = previous[j - 1] + ((one.charAt(i - 1) == other.charAt(j - 1)) ? 0 : 1);
				current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[other.length()];
	}

}
