package dev.nettybind.aot;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.aot.generate.GeneratedFiles.Kind;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.test.generate.TestGenerationContext;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.InputStreamSource;
import org.springframework.core.test.tools.TestCompiler;
import org.springframework.javapoet.ClassName;

/**
 * An application processed ahead of time, as Spring Boot's {@code process-aot} does at
 * build time: its context is refreshed for AOT processing in the environment of the
 * build, the generated code is compiled with spring-core-test's {@link TestCompiler},
 * and {@link #start} then starts it as the processed application starts, from the
 * generated initializer alone, in the environment of the run. The test class runs in a
 * forked class loader ({@code @CompileWithForkedClassLoader}), so that the generated
 * classes reach the package-private members of the starter as they do in the
 * application.
 */
final class ProcessedContext {

	private final RuntimeHints hints;

	private final Map<String, String> sources;

	private final ApplicationContextInitializer<GenericApplicationContext> initializer;

	private final ClassLoader classLoader;

	private ProcessedContext(RuntimeHints hints, Map<String, String> sources,
			ApplicationContextInitializer<GenericApplicationContext> initializer, ClassLoader classLoader) {
		this.hints = hints;
		this.sources = sources;
		this.initializer = initializer;
		this.classLoader = classLoader;
	}

	@SuppressWarnings("unchecked")
	static ProcessedContext process(Class<?> configuration, ConfigurableEnvironment environment,
			ClassLoader classLoader) {
		TestGenerationContext generationContext = new TestGenerationContext();
		ClassName initializerName;
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
			context.setEnvironment(environment);
			context.setClassLoader(classLoader);
			context.register(configuration);
			initializerName = new ApplicationContextAotGenerator().processAheadOfTime(context, generationContext);
		}
		generationContext.writeGeneratedContent();
		AtomicReference<ApplicationContextInitializer<GenericApplicationContext>> initializer = new AtomicReference<>();
		TestCompiler.forSystem()
			.with(generationContext)
			.compile((compiled) -> initializer
				.set(compiled.getInstance(ApplicationContextInitializer.class, initializerName.reflectionName())));
		return new ProcessedContext(generationContext.getRuntimeHints(), sources(generationContext), initializer.get(),
				classLoader);
	}

	RuntimeHints hints() {
		return this.hints;
	}

	Map<String, String> sources() {
		return this.sources;
	}

	/**
	 * Start the processed application from its generated initializer.
	 * @param environment the environment of the run
	 * @return the refreshed context
	 */
	GenericApplicationContext start(ConfigurableEnvironment environment) {
		GenericApplicationContext context = new GenericApplicationContext();
		context.setEnvironment(environment);
		context.setClassLoader(this.classLoader);
		try {
			this.initializer.initialize(context);
			context.refresh();
			return context;
		}
		catch (RuntimeException ex) {
			context.close();
			throw ex;
		}
	}

	private static Map<String, String> sources(TestGenerationContext generationContext) {
		Map<String, String> sources = new TreeMap<>();
		generationContext.getGeneratedFiles()
			.getGeneratedFiles(Kind.SOURCE)
			.forEach((path, source) -> sources.put(path, read(source)));
		return sources;
	}

	private static String read(InputStreamSource source) {
		try (InputStream content = source.getInputStream()) {
			return new String(content.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
