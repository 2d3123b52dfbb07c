package dev.nettybind.config;

import java.util.LinkedHashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.origin.Origin;
import org.springframework.core.Ordered;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UnknownBindPropertyFailureAnalyzer}: which unknown properties it
 * reports, and what it says of each.
 */
class UnknownBindPropertyFailureAnalyzerTests {

	private final UnknownBindPropertyFailureAnalyzer analyzer = new UnknownBindPropertyFailureAnalyzer();

	@Test
	void propertiesOutsideBindAreLeftToSpringBoot() {
		assertThat(this.analyzer.analyze(unbound(property("server.prot", null)))).isNull();
	}

	@Test
	void onlyThePropertiesUnderBindAreReported() {
		FailureAnalysis analysis = this.analyzer
			.analyze(unbound(property("server.prot", null), property("bind.servers.api.prot", null)));
		assertThat(analysis.getDescription()).contains("Server 'api' has no property 'bind.servers.api.prot'")
			.doesNotContain("server.prot'");
		assertThat(analysis.getAction())
			.isEqualTo("Did you mean 'bind.servers.api.port'? Correct or remove 'bind.servers.api.prot' "
					+ "(docs/properties.md lists every property).");
	}

	@Test
	void originIsNamedWhenThePropertyHasOne() {
		Origin origin = new Origin() {

			@Override
			public String toString() {
				return "application.yml:3:11";
			}

		};
		FailureAnalysis analysis = this.analyzer.analyze(unbound(property("bind.servers.api.prot", origin)));
		assertThat(analysis.getDescription()).contains("    Origin:   application.yml:3:11");
		FailureAnalysis withoutOrigin = this.analyzer.analyze(unbound(property("bind.servers.api.prot", null)));
		assertThat(withoutOrigin.getDescription()).doesNotContain("Origin:");
	}

	@Test
	void propertyWithNothingCloseGetsNoSuggestion() {
		FailureAnalysis analysis = this.analyzer.analyze(unbound(property("bind.zzzzzzzzzzzzzzzzzzzz", null)));
		assertThat(analysis.getDescription()).startsWith("The starter has no property 'bind.zzzzzzzzzzzzzzzzzzzz'");
		assertThat(analysis.getAction()).startsWith("Correct or remove 'bind.zzzzzzzzzzzzzzzzzzzz'");
	}

	@Test
	void analyzerRunsBeforeSpringBootsOwn() {
		assertThat(this.analyzer.getOrder()).isEqualTo(Ordered.HIGHEST_PRECEDENCE);
		assertThat(new WebServerPortConflictFailureAnalyzer(new StandardEnvironment()).getOrder()).isEqualTo(Ordered.HIGHEST_PRECEDENCE);
	}

	private static ConfigurationProperty property(String name, Origin origin) {
		return new ConfigurationProperty(ConfigurationPropertyName.of(name), "true", origin);
	}

	private static UnboundConfigurationPropertiesException unbound(ConfigurationProperty... properties) {
		Set<ConfigurationProperty> unbound = new LinkedHashSet<>(Set.of(properties));
		return new UnboundConfigurationPropertiesException(unbound);
	}

}
