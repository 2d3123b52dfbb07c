package dev.nettybind.aot;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.GeneratedFiles.Kind;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.InputStreamSource;
import org.springframework.javapoet.ClassName;

/**
 * An application processed ahead of time, as Spring Boot's {@code process-aot} does at
 * build time: its context is refreshed for AOT processing in the environment of the
 * build, the generated code is compiled and loaded, and {@link #start} then starts it as
 * the processed application starts, from the generated initializer alone, in the
 * environment of the run.
 * <p>
 * spring-core-test's {@code TestCompiler} is not on this module's test class path, so
 * the JDK's compiler compiles the generated sources and each class is defined beside
 * the class it was generated for, so that it reaches package-private members as it
 * would in the application. Each processing gets a name of its own, as Spring's test
 * contexts do, so that the classes of several stay apart in one JVM.
 */
final class ProcessedContext {

	private static final AtomicInteger PROCESSED = new AtomicInteger();

	private final RuntimeHints hints;

	private final Map<String, String> sources;

	private final Class<?> initializer;

	private final ClassLoader classLoader;

	private ProcessedContext(RuntimeHints hints, Map<String, String> sources, Class<?> initializer,
			ClassLoader classLoader) {
		this.hints = hints;
		this.sources = sources;
		this.initializer = initializer;
		this.classLoader = classLoader;
	}

	/**
	 * Process the application ahead of time.
	 * @param configuration the application's configuration
	 * @param environment the environment at build time
	 * @param classLoader the class loader at build time, and then at run time
	 * @param directory where to compile the generated code
	 * @return the processed application
	 */
	static ProcessedContext process(Class<?> configuration, ConfigurableEnvironment environment,
			ClassLoader classLoader, Path directory) {
		InMemoryGeneratedFiles files = new InMemoryGeneratedFiles();
		String name = "Processed" + PROCESSED.incrementAndGet();
		DefaultGenerationContext generationContext = new DefaultGenerationContext(
				new ClassNameGenerator(ClassName.get(ProcessedContext.class), name), files);
		ClassName initializer;
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
			context.setEnvironment(environment);
			context.setClassLoader(classLoader);
			context.register(configuration);
			initializer = new ApplicationContextAotGenerator().processAheadOfTime(context, generationContext);
		}
		generationContext.writeGeneratedContent();
		Map<String, Class<?>> classes = define(compile(files, directory));
		return new ProcessedContext(generationContext.getRuntimeHints(), sources(files),
				classes.get(initializer.reflectionName()), classLoader);
	}

	/**
	 * Return the runtime hints that processing registered.
	 * @return the hints
	 */
	RuntimeHints hints() {
		return this.hints;
	}

	/**
	 * Return the generated sources, by path.
	 * @return the sources
	 */
	Map<String, String> sources() {
		return this.sources;
	}

	/**
	 * Start the processed application: its bean definitions are those the generated
	 * initializer registers.
	 * @param environment the environment at run time
	 * @return the refreshed context
	 */
	@SuppressWarnings("unchecked")
	GenericApplicationContext start(ConfigurableEnvironment environment) {
		GenericApplicationContext context = new GenericApplicationContext();
		context.setEnvironment(environment);
		context.setClassLoader(this.classLoader);
		try {
			((ApplicationContextInitializer<GenericApplicationContext>) this.initializer.getConstructor()
				.newInstance()).initialize(context);
			context.refresh();
			return context;
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(ex);
		}
		catch (RuntimeException ex) {
			context.close();
			throw ex;
		}
	}

	private static Map<String, String> sources(InMemoryGeneratedFiles files) {
		Map<String, String> sources = new TreeMap<>();
		files.getGeneratedFiles(Kind.SOURCE).forEach((path, source) -> sources.put(path, read(source)));
		return sources;
	}

	private static Map<String, byte[]> compile(InMemoryGeneratedFiles files, Path directory) {
		try {
			Path sourceDirectory = Files.createDirectories(directory.resolve("sources"));
			Path classDirectory = Files.createDirectories(directory.resolve("classes"));
			List<Path> sources = new ArrayList<>();
			for (Map.Entry<String, InputStreamSource> source : files.getGeneratedFiles(Kind.SOURCE).entrySet()) {
				Path file = sourceDirectory.resolve(source.getKey());
				Files.createDirectories(file.getParent());
				Files.writeString(file, read(source.getValue()));
				sources.add(file);
			}
			JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
			DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
			try (StandardJavaFileManager fileManager = compiler.getStandardFileManager(diagnostics, null,
					StandardCharsets.UTF_8)) {
				List<String> options = List.of("-d", classDirectory.toString(), "-classpath",
						System.getProperty("java.class.path"), "-proc:none");
				Boolean compiled = compiler
					.getTask(null, fileManager, diagnostics, options, null,
							fileManager.getJavaFileObjectsFromPaths(sources))
					.call();
				if (!compiled) {
					throw new IllegalStateException("The generated code does not compile: " + diagnostics.getDiagnostics());
				}
			}
			Map<String, byte[]> classes = new TreeMap<>();
			try (Stream<Path> compiled = Files.walk(classDirectory)) {
				for (Path file : compiled.filter((path) -> path.toString().endsWith(".class")).toList()) {
					String relative = classDirectory.relativize(file).toString();
					classes.put(relative.substring(0, relative.length() - ".class".length()).replace('/', '.'),
							Files.readAllBytes(file));
				}
			}
			// Classes generated as byte code, such as the proxies of @Configuration classes.
			for (Map.Entry<String, InputStreamSource> file : files.getGeneratedFiles(Kind.CLASS).entrySet()) {
				String path = file.getKey();
				try (InputStream content = file.getValue().getInputStream()) {
					classes.put(path.substring(0, path.length() - ".class".length()).replace('/', '.'),
							content.readAllBytes());
				}
			}
			return classes;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Map<String, Class<?>> define(Map<String, byte[]> classes) {
		Map<String, Class<?>> anchors = new HashMap<>();
		Map<String, Class<?>> defined = new HashMap<>();
		classes.forEach((name, bytes) -> {
			String packageName = name.substring(0, name.lastIndexOf('.'));
			Class<?> anchor = anchors.computeIfAbsent(packageName, (key) -> anchor(classes.keySet(), key));
			try {
				defined.put(name, MethodHandles.privateLookupIn(anchor, MethodHandles.lookup()).defineClass(bytes));
			}
			catch (IllegalAccessException ex) {
				throw new IllegalStateException("Cannot define " + name + " beside " + anchor, ex);
			}
		});
		return defined;
	}

	/**
	 * Return a class of the package that is not generated: each generated class is
	 * named after the class it was generated for, {@code Target__Feature} or
	 * {@code Outer_Nested__Feature}, or, for a proxy, {@code Target$$SpringCGLIB$$0}.
	 */
	private static Class<?> anchor(Iterable<String> generated, String packageName) {
		for (String name : generated) {
			if (!name.startsWith(packageName + ".") || name.indexOf('.', packageName.length() + 1) != -1) {
				continue;
			}
			int end = name.contains("__") ? name.indexOf("__") : name.indexOf("$$");
			String target = name.substring(0, end);
			for (String candidate : List.of(target, packageName + target.substring(packageName.length()).replace('_', '$'))) {
				try {
					return Class.forName(candidate, false, ProcessedContext.class.getClassLoader());
				}
				catch (ClassNotFoundException ex) {
					// Try the next spelling.
				}
			}
		}
		throw new IllegalStateException("No class of package " + packageName + " to define generated classes beside");
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
