package io.courtside.runners.spark.templates;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.Test;

/**
 * The launch templates' parameter lists must not drift from the options interfaces: each template's
 * Beam parameters must equal what {@link TemplateParameters} generates from them (every Courtside
 * option, plus the runner options the template names). After changing an option, regenerate the
 * files: {@code mvn -pl runners/spark test -Dtest=TemplatesMatchOptionsTest
 * -Dtemplates.update=true}.
 */
public class TemplatesMatchOptionsTest {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final Path TEMPLATES = Path.of("../../templates");
  private static final String HOW_TO_FIX =
      "; regenerate with `mvn -pl runners/spark test -Dtest=TemplatesMatchOptionsTest -Dtemplates.update=true`";

  @Test
  public void everyTemplateListsExactlyTheGeneratedParameters() throws IOException {
    List<Path> files = templates();
    assertFalse("no templates in " + TEMPLATES.toAbsolutePath(), files.isEmpty());
    boolean update = Boolean.getBoolean("templates.update");
    for (Path file : files) {
      JsonNode current = JSON.readTree(file.toFile());
      JsonNode generated = regenerate(current, file);
      if (update && !generated.equals(current)) {
        Files.writeString(file, JSON.writeValueAsString(generated) + "\n");
      } else {
        assertEquals(
            file + " has drifted from the options interfaces" + HOW_TO_FIX,
            JSON.writeValueAsString(generated),
            JSON.writeValueAsString(current));
      }
    }
  }

  @Test
  public void patternsCompileAndDefaultsMatchThem() throws IOException {
    for (Path file : templates()) {
      for (JsonNode p : JSON.readTree(file.toFile()).path("parameters")) {
        Pattern pattern = Pattern.compile(p.path("pattern").asText());
        if (p.hasNonNull("default")) {
          assertTrue(
              file + ": default of " + p.get("name") + " does not match its pattern",
              pattern.matcher(p.get("default").asText()).matches());
        }
        assertFalse(
            file + ": " + p.get("name") + " has no help", p.path("help").asText().isBlank());
      }
    }
  }

  /** The template with its Beam parameters regenerated; launcher parameters are kept as written. */
  private static JsonNode regenerate(JsonNode template, Path file) {
    ObjectNode out = template.deepCopy();
    ArrayNode params = JSON.createArrayNode();
    List<JsonNode> runnerOptions = new ArrayList<>();
    for (JsonNode p : template.path("parameters")) {
      if ("launcher".equals(p.path("for").asText())) {
        params.add(p);
      } else {
        runnerOptions.add(p);
      }
    }
    for (Method getter : TemplateParameters.courtsideGetters()) {
      params.add(TemplateParameters.parameter(JSON, getter));
    }
    List<String> own =
        TemplateParameters.courtsideGetters().stream()
            .map(m -> TemplateParameters.property(m).orElseThrow())
            .toList();
    for (JsonNode written : runnerOptions) {
      String name = written.path("name").asText();
      if (!own.contains(name)) {
        Method getter =
            TemplateParameters.runnerGetter(name)
                .orElseThrow(
                    () ->
                        new AssertionError(
                            file
                                + " names parameter '"
                                + name
                                + "', which no options interface declares"));
        ObjectNode p = TemplateParameters.parameter(JSON, getter);
        if (p.path("help").asText().isEmpty()) {
          // A few of Beam's runner options carry no @Description: keep the template's own help.
          p.put("help", written.path("help").asText());
        }
        params.add(p);
      }
    }
    out.set("parameters", params);
    return out;
  }

  private static List<Path> templates() throws IOException {
    try (Stream<Path> s = Files.list(TEMPLATES)) {
      return s.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    }
  }
}
