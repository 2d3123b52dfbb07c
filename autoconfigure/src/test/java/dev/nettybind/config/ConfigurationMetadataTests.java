package dev.nettybind.config;

import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.jayway.jsonpath.JsonPath;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

import org.springframework.beans.BeanWrapper;
import org.springframework.beans.BeanWrapperImpl;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.util.ClassUtils;

import dev.nettybind.server.BindOptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * The configuration metadata that IDEs read agrees with what binds: it lists exactly the
 * properties of the {@link BindProperties} model, each with a description; the default
 * it records for each is what an application without any {@code bind.*} property gets;
 * and its key store type hints are types the JVM loads, the default among them.
 * <p>
 * The options of a server ({@code bind.servers.<name>.*}) have no entries of their own:
 * the format cannot name the entries of a map, and an entry under {@code bind.servers.}
 * would stop Spring Tools from completing and checking them. IDEs complete them from the
 * value type that the {@code bind.servers} entry declares, as docs/properties.md ("IDE
 * help") explains; these tests hold that type to what binds.
 */
class ConfigurationMetadataTests {

	private static final List<String> KEY_STORE_TYPES = List.of("bind.certificate-database.type",
			"bind.certificate-database.trust-store.type");

	@Test
	void listsExactlyThePropertiesThatBindEachWithADescription() throws Exception {
		List<Map<String, Object>> properties = bindProperties();
		List<String> names = properties.stream().map((property) -> (String) property.get("name")).toList();
		assertThat(names).containsExactlyInAnyOrderElementsOf(boundNames("bind", BindProperties.class));
		assertThat(properties).allSatisfy((property) -> assertThat((String) property.get("description"))
			.as("description of %s", property.get("name"))
			.isNotBlank());
		List<String> hinted = JsonPath.read(metadata(), "$.hints[*].name");
		assertThat(names).containsAll(hinted);
	}

	@Test
	void recordedDefaultsAreWhatAnApplicationWithoutBindPropertiesBinds() throws Exception {
		BeanWrapper bound = new BeanWrapperImpl(defaults());
		for (Map<String, Object> property : bindProperties()) {
			String name = (String) property.get("name");
			Object value = bound.getPropertyValue(path(name.substring("bind.".length())));
			Object recorded = property.get("defaultValue");
			if (recorded == null) {
				// No default shown: nothing binds but an absent value or an empty map.
				assertThat(value).as("bound value of %s, which records no default", name)
					.satisfiesAnyOf((absent) -> assertThat(absent).isNull(),
							(map) -> assertThat(map).asInstanceOf(InstanceOfAssertFactories.MAP).isEmpty());
			}
			else {
				Class<?> type = ClassUtils.forName((String) property.get("type"), getClass().getClassLoader());
				assertThat(value).as("bound value of %s, recorded as %s", name, recorded)
					.isEqualTo(ApplicationConversionService.getSharedInstance().convert(recorded, type));
			}
		}
	}

	@Test
	void hintedKeyStoreTypesLoadAndIncludeTheDefault() throws Exception {
		BeanWrapper bound = new BeanWrapperImpl(defaults());
		for (String property : KEY_STORE_TYPES) {
			List<String> values = JsonPath.read(metadata(), "$.hints[?(@.name == '" + property + "')].values[*].value");
			assertThat(values).as("hints of %s", property)
				.contains((String) bound.getPropertyValue(path(property.substring("bind.".length()))));
			values.forEach((type) -> assertThatNoException().as("key store type %s", type)
				.isThrownBy(() -> KeyStore.getInstance(type)));
		}
	}

	@Test
	void noEntryExtendsTheServersMapWhoseValueTypeIdesComplete() throws Exception {
		// Spring Tools (VS Code, Eclipse) complete and check a server's options from this
		// type; a property, group or hint named under bind.servers. would replace that with
		// the index, which knows no real server name (docs/properties.md, "IDE help").
		assertThat(JsonPath.<List<String>>read(metadata(), "$..name"))
			.noneMatch((name) -> name.startsWith("bind.servers.") || name.startsWith("bind.servers["));
		List<String> types = JsonPath.read(metadata(), "$.properties[?(@.name == 'bind.servers')].type");
		assertThat(types).containsExactly("java.util.Map<java.lang.String," + BindProperties.Server.class.getName() + ">");
	}

	@Test
	void everyServerOptionIsAPropertyOfTheValueTypeAsIdesReadIt() throws Exception {
		String type = JsonPath.<List<String>>read(metadata(), "$.properties[?(@.name == 'bind.servers')].type").get(0);
		String valueType = type.substring(type.indexOf(',') + 1, type.length() - 1);
		Class<?> server = ClassUtils.forName(valueType, getClass().getClassLoader());
		Map<String, Type> offered = offeredProperties("", server);
		Map<String, Type> bound = boundOptions("", BindProperties.Server.class);
		assertThat(offered.keySet()).as("properties an IDE offers under bind.servers.<name>")
			.containsExactlyInAnyOrderElementsOf(bound.keySet());
		assertThat(bound).allSatisfy((name, boundType) -> assertThat(offered.get(name)).as("type of %s", name)
			.isEqualTo(boundType));
	}

	@Test
	void enumeratedServerOptionsAreTypedSoIdesCompleteTheirValues() throws Exception {
		Map<String, Type> options = boundOptions("", BindProperties.Server.class);
		for (String name : List.of("distribution", "protocols", "proxy-protocol", "access-log.format")) {
			Type type = options.get(name);
			Type valueType = (type instanceof ParameterizedType list) ? list.getActualTypeArguments()[0] : type;
			assertThat(valueType).as("value type of %s", name)
				.isInstanceOfSatisfying(Class.class, (enumType) -> assertThat(enumType.isEnum()).isTrue());
		}
	}

	/**
	 * Return the properties of a type as Spring Tools reads them (TypeUtil#getProperties):
	 * its public getters and those of its superclasses, a group of the model opened up.
	 */
	private static Map<String, Type> offeredProperties(String prefix, Class<?> type) {
		Map<String, Type> properties = new TreeMap<>();
		for (Class<?> declaring = type; declaring != Object.class; declaring = declaring.getSuperclass()) {
			for (Method method : declaring.getDeclaredMethods()) {
				String property = getterProperty(method);
				if (property != null) {
					String name = prefix + DataObjectPropertyName.toDashedForm(property);
					if (isGroup(method.getReturnType())) {
						properties.putAll(offeredProperties(name + ".", method.getReturnType()));
					}
					else {
						properties.put(name, method.getGenericReturnType());
					}
				}
			}
		}
		return properties;
	}

	private static String getterProperty(Method method) {
		if (Modifier.isStatic(method.getModifiers()) || !Modifier.isPublic(method.getModifiers())
				|| method.getParameterCount() != 0) {
			return null;
		}
		String name = method.getName();
		int prefix = (name.startsWith("get") && name.length() > 3) ? 3 : (name.startsWith("is") && name.length() > 2) ? 2 : 0;
		return (prefix != 0) ? Character.toLowerCase(name.charAt(prefix)) + name.substring(prefix + 1) : null;
	}

	/**
	 * Return the options that bind under {@code bind.servers.<name>}: the fields of the
	 * model, as server/OptionProperties walks them, groups opened up.
	 */
	private static Map<String, Type> boundOptions(String prefix, Class<?> type) {
		Map<String, Type> options = new TreeMap<>();
		for (Class<?> declaring = type; declaring != Object.class; declaring = declaring.getSuperclass()) {
			Stream.of(declaring.getDeclaredFields())
				.filter((field) -> !Modifier.isStatic(field.getModifiers()))
				.forEach((Field field) -> {
					String name = prefix + DataObjectPropertyName.toDashedForm(field.getName());
					if (isGroup(field.getType())) {
						options.putAll(boundOptions(name + ".", field.getType()));
					}
					else {
						options.put(name, field.getGenericType());
					}
				});
		}
		return options;
	}

	private static boolean isGroup(Class<?> type) {
		return type.getEnclosingClass() == BindOptions.class && !type.isEnum();
	}

	private static BindProperties defaults() {
		return new Binder(new MapConfigurationPropertySource()).bindOrCreate("bind", BindProperties.class);
	}

	/**
	 * Return the properties that constructor binding gives a type under a prefix: one per
	 * constructor parameter, nested types of the starter opened up, maps left whole.
	 */
	private static List<String> boundNames(String prefix, Class<?> type) {
		Constructor<?>[] constructors = type.getConstructors();
		assertThat(constructors).as("constructors of %s", type).hasSize(1);
		List<String> names = new ArrayList<>();
		for (Parameter parameter : constructors[0].getParameters()) {
			assertThat(parameter.isNamePresent()).as("compiled with -parameters").isTrue();
			String name = prefix + "." + DataObjectPropertyName.toDashedForm(parameter.getName());
			Class<?> parameterType = parameter.getType();
			if (parameterType.getPackageName().startsWith("dev.nettybind") && !parameterType.isEnum()) {
				names.addAll(boundNames(name, parameterType));
			}
			else {
				names.add(name);
			}
		}
		return names;
	}

	/**
	 * Turn a dashed property name into the path of its bean property.
	 */
	private static String path(String dashed) {
		return Arrays.stream(dashed.split("\\."))
			.map((segment) -> Arrays.stream(segment.split("-"))
				.map((word) -> word.substring(0, 1).toUpperCase() + word.substring(1))
				.collect(Collectors.joining()))
			.map((camel) -> Character.toLowerCase(camel.charAt(0)) + camel.substring(1))
			.collect(Collectors.joining("."));
	}

	private static List<Map<String, Object>> bindProperties() throws Exception {
		return JsonPath.read(metadata(), "$.properties[?(@.name =~ /bind\\..*/)]");
	}

	private static String metadata() throws Exception {
		try (InputStream in = ConfigurationMetadataTests.class
			.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			return new String(in.readAllBytes());
		}
	}

}
