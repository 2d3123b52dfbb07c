package dev.nettybind.sample;

import java.net.URI;
import java.util.Optional;
import java.util.OptionalLong;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The notes of the public API, as JSON.
 *
 * @author Netty Bind Starter contributors
 */
@Component
public class NoteHandler {

	private final NoteStore store;

	public NoteHandler(NoteStore store) {
		this.store = store;
	}

	/**
	 * {@code GET /notes}: every note, oldest first.
	 * @param request the request
	 * @return the notes
	 */
	public Mono<ServerResponse> list(ServerRequest request) {
		return ServerResponse.ok().bodyValue(this.store.all());
	}

	/**
	 * {@code POST /notes} with {@code {"text":"..."}}: store a new note.
	 * @param request the request
	 * @return 201 with the note and its location, or 400 when the text is missing
	 */
	public Mono<ServerResponse> create(ServerRequest request) {
		return request.bodyToMono(NewNote.class)
			.filter((note) -> StringUtils.hasText(note.text()))
			.map((note) -> this.store.add(note.text()))
			.flatMap((note) -> ServerResponse.created(URI.create("/notes/" + note.id())).bodyValue(note))
			.switchIfEmpty(Mono.defer(() -> ServerResponse.badRequest()
				.bodyValue(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
						"Send a JSON body with a non-blank text, such as {\"text\":\"buy milk\"}"))));
	}

	/**
	 * {@code GET /notes/{id}}: one note.
	 * @param request the request
	 * @return the note, or 404
	 */
	public Mono<ServerResponse> get(ServerRequest request) {
		OptionalLong id = id(request);
		Optional<Note> note = id.isPresent() ? this.store.get(id.getAsLong()) : Optional.empty();
		return note.map((found) -> ServerResponse.ok().bodyValue(found)).orElseGet(() -> notFound(request));
	}

	/**
	 * {@code DELETE /notes/{id}}: remove a note.
	 * @param request the request
	 * @return 204, or 404 when there was no such note
	 */
	public Mono<ServerResponse> delete(ServerRequest request) {
		OptionalLong id = id(request);
		return (id.isPresent() && this.store.remove(id.getAsLong())) ? ServerResponse.noContent().build()
				: notFound(request);
	}

	private static OptionalLong id(ServerRequest request) {
		try {
			return OptionalLong.of(Long.parseLong(request.pathVariable("id")));
		}
		catch (NumberFormatException ex) {
			return OptionalLong.empty();
		}
	}

	private static Mono<ServerResponse> notFound(ServerRequest request) {
		return ServerResponse.status(HttpStatus.NOT_FOUND)
			.bodyValue(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
					"No note " + request.pathVariable("id")));
	}

	/**
	 * The body of {@code POST /notes}.
	 *
	 * @param text what the note says
	 */
	public record NewNote(String text) {

	}

}
