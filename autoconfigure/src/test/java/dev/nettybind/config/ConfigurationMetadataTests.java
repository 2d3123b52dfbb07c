package dev.nettybind.config;

import java.io.InputStream;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The configuration metadata that IDEs read is generated, and documents every property.
 */
class ConfigurationMetadataTests {

	@Test
	void everyPropertyHasADescription() throws Exception {
		List<Map<String, Object>> properties = JsonPath.read(metadata(), "$.properties");
		assertThat(properties).extracting((property) -> property.get("name"))
			.contains("bind.enabled", "bind.servers", "bind.event-loop.threads", "bind.event-loop.prefer-native",
					"bind.shutdown.timeout", "bind.certificate-database.location", "bind.certificate-database.type",
					"bind.certificate-database.password", "bind.certificate-database.key-password",
					"bind.certificate-database.bundle", "bind.certificate-database.reload-on-update",
					"bind.certificate-database.reload-check-interval", "bind.certificate-database.trust-store.location");
		assertThat(properties).allSatisfy((property) -> assertThat((String) property.get("description"))
			.as("description of %s", property.get("name"))
			.isNotBlank());
	}

	@Test
	void defaultsAreRecorded() throws Exception {
		List<Object> type = JsonPath.read(metadata(),
				"$.properties[?(@.name == 'bind.certificate-database.type')].defaultValue");
		assertThat(type).containsExactly("PKCS12");
		List<Object> timeout = JsonPath.read(metadata(), "$.properties[?(@.name == 'bind.shutdown.timeout')].defaultValue");
		assertThat(timeout).containsExactly("30s");
	}

	@Test
	void keyStoreTypesAreHinted() throws Exception {
		List<Object> values = JsonPath.read(metadata(),
				"$.hints[?(@.name == 'bind.certificate-database.type')].values[*].value");
		assertThat(values).containsExactly("PKCS12", "JKS");
	}

	private static String metadata() throws Exception {
		try (InputStream in = ConfigurationMetadataTests.class
			.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			return new String(in.readAllBytes());
		}
	}

}
