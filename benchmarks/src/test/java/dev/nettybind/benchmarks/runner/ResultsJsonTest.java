package dev.nettybind.benchmarks.runner;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResultsJsonTest {

	@Test
	void resultsReadBackAsWrittenSoThatRenderingThemAgainGivesTheSameTables(@TempDir Path dir) throws Exception {
		Results results = ResultsFixture.all();
		Path file = dir.resolve("results.json");
		ResultsJson.write(results, file);
		Results read = ResultsJson.read(file);
		assertEquals(results, read);
		assertEquals(MarkdownReport.render(results), MarkdownReport.render(read));
	}

	@Test
	void partsNotRunAreNull(@TempDir Path dir) throws Exception {
		Results results = ResultsFixture.all().withPlaintext(null).withTls(null);
		Path file = dir.resolve("results.json");
		ResultsJson.write(results, file);
		String json = Files.readString(file);
		assertTrue(json.contains("\"plaintext\" : null"), json);
		assertEquals(results, ResultsJson.read(file));
	}

	@Test
	void resultsOfARunFromBeforeTheProtocolsPartStillRead(@TempDir Path dir) throws Exception {
		Path file = dir.resolve("results.json");
		ResultsJson.write(ResultsFixture.all(), file);
		JsonMapper mapper = JsonMapper.builder().build();
		ObjectNode json = (ObjectNode) mapper.readTree(Files.readString(file));
		json.remove("protocols");
		ObjectNode settings = (ObjectNode) json.get("run").get("settings");
		settings.remove(java.util.List.of("protocolsWarmup", "protocolsDuration", "protocolsRounds"));
		Files.writeString(file, mapper.writeValueAsString(json));
		Results read = ResultsJson.read(file);
		assertEquals(null, read.protocols());
		assertEquals(0, read.run().settings().protocolsRounds());
		assertTrue(MarkdownReport.render(read).contains("## Targets"));
	}

}
