package dev.nettybind;

import java.util.List;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Fails a test that logged an ERROR, unless it is annotated {@link ExpectsErrorLog}: a
 * green build logs no unexpected ERROR. Registered for every test by auto-detection
 * ({@code junit-platform.properties}).
 */
public class ErrorLogExtension implements BeforeEachCallback, AfterEachCallback {

	@Override
	public void beforeEach(ExtensionContext context) {
		ErrorLog.drain();
	}

	@Override
	public void afterEach(ExtensionContext context) {
		List<String> errors = ErrorLog.drain();
		boolean expected = context.getElement()
			.map((element) -> AnnotationSupport.isAnnotated(element, ExpectsErrorLog.class))
			.orElse(false)
				|| context.getTestClass()
					.map((type) -> AnnotationSupport.isAnnotated(type, ExpectsErrorLog.class))
					.orElse(false);
		if (!errors.isEmpty() && !expected) {
			throw new AssertionError("Unexpected ERROR logged by " + context.getDisplayName() + ":\n  "
					+ String.join("\n  ", errors));
		}
	}

}
