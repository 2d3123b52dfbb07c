package dev.nettybind.sample;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.stereotype.Component;

/**
 * The notes, in memory: the public API writes and reads them, the admin server counts
 * and clears them. Safe for concurrent use, since every server's event loops call it.
 *
 * @author Netty Bind Starter contributors
 */
@Component
public class NoteStore {

	private final ConcurrentNavigableMap<Long, Note> notes = new ConcurrentSkipListMap<>();

	private final AtomicLong ids = new AtomicLong();

	private final Clock clock = Clock.systemUTC();

	/**
	 * Store a new note.
	 * @param text what it says
	 * @return the stored note
	 */
	public Note add(String text) {
		Note note = new Note(this.ids.incrementAndGet(), text, this.clock.instant());
		this.notes.put(note.id(), note);
		return note;
	}

	/**
	 * Return every note, oldest first.
	 * @return the notes
	 */
	public List<Note> all() {
		return List.copyOf(this.notes.values());
	}

	/**
	 * Return one note.
	 * @param id its identifier
	 * @return the note, if there is one
	 */
	public Optional<Note> get(long id) {
		return Optional.ofNullable(this.notes.get(id));
	}

	/**
	 * Remove one note.
	 * @param id its identifier
	 * @return whether there was one
	 */
	public boolean remove(long id) {
		return this.notes.remove(id) != null;
	}

	/**
	 * Remove every note.
	 * @return how many there were
	 */
	public int clear() {
		int removed = 0;
		for (Long id : this.notes.keySet()) {
			if (this.notes.remove(id) != null) {
				removed++;
			}
		}
		return removed;
	}

	/**
	 * Return the number of notes.
	 * @return the count
	 */
	public int count() {
		return this.notes.size();
	}

}
