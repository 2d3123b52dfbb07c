package dev.nettybind.config;

import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Parameter;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * The configuration metadata that IDEs read agrees with what binds: it lists exactly the
 * properties of the {@link BindProperties} model, each with a description; the default
 * it records for each is what an application without any {@code bind.*} property gets;
 * and its key store type hints are types the JVM loads, the default among them.
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
