package io.courtside.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One way to run the pipeline, from {@code templates/NAME.json}: which launcher and runner, and the
 * parameters a user may set, each with help, required, default and a validation pattern. Parameters
 * with {@code "for": "launcher"} configure the launcher (e.g. spark-submit's master); all others
 * are Beam flags of the pipeline, and a test keeps them equal to the options interfaces.
 */
record LaunchTemplate(
    String name, String description, String runner, String launcher, List<Parameter> parameters) {

  /**
   * How the template is run: {@code courtside pipeline}, {@code courtside submit} or a real
   * spark-submit.
   */
  static final List<String> LAUNCHERS = List.of("pipeline", "submit", "spark-submit");

  record Parameter(
      String name,
      String help,
      boolean required,
      String defaultValue,
      Pattern pattern,
      boolean launcher) {}

  static LaunchTemplate read(Path file) throws IOException {
    JsonNode root = new ObjectMapper().readTree(file.toFile());
    List<Parameter> params = new ArrayList<>();
    for (JsonNode p : root.path("parameters")) {
      params.add(
          new Parameter(
              text(p, "name", file),
              p.path("help").asText(""),
              p.path("required").asBoolean(false),
              p.hasNonNull("default") ? p.get("default").asText() : null,
              Pattern.compile(p.path("pattern").asText(".*")),
              "launcher".equals(p.path("for").asText("beam"))));
    }
    LaunchTemplate t =
        new LaunchTemplate(
            text(root, "name", file),
            root.path("description").asText(""),
            text(root, "runner", file),
            text(root, "launcher", file),
            params);
    if (!LAUNCHERS.contains(t.launcher())) {
      throw new IOException(
          file + ": launcher must be one of " + LAUNCHERS + ", not " + t.launcher());
    }
    return t;
  }

  private static String text(JsonNode node, String field, Path file) throws IOException {
    if (!node.hasNonNull(field)) {
      throw new IOException(file + ": missing \"" + field + "\"");
    }
    return node.get(field).asText();
  }

  /**
   * Checks {@code given} against the parameters and returns every value to use, in template order:
   * the given ones, and the defaults of launcher parameters.
   *
   * @throws IllegalArgumentException naming the first wrong parameter and why
   */
  Map<String, String> resolve(Map<String, String> given) {
    Map<String, Parameter> byName = new LinkedHashMap<>();
    parameters.forEach(p -> byName.put(p.name(), p));
    for (Map.Entry<String, String> e : given.entrySet()) {
      Parameter p = byName.get(e.getKey());
      if (p == null) {
        throw new IllegalArgumentException(
            "unknown parameter '"
                + e.getKey()
                + "' for template "
                + name
                + "; its parameters are: "
                + String.join(", ", byName.keySet()));
      }
      if (!p.pattern().matcher(e.getValue()).matches()) {
        throw new IllegalArgumentException(
            "parameter '"
                + p.name()
                + "' = '"
                + e.getValue()
                + "' does not match "
                + p.pattern().pattern()
                + " ("
                + p.help()
                + ")");
      }
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (Parameter p : parameters) {
      String v = given.get(p.name());
      if (v == null && p.launcher()) {
        v = p.defaultValue();
      }
      if (v == null && p.required()) {
        throw new IllegalArgumentException(
            "missing required parameter '"
                + p.name()
                + "' ("
                + p.help()
                + "); give it with --param "
                + p.name()
                + "=VALUE");
      }
      if (v != null) {
        values.put(p.name(), v);
      }
    }
    return values;
  }

  boolean isLauncherParameter(String parameter) {
    return parameters.stream().anyMatch(p -> p.name().equals(parameter) && p.launcher());
  }
}
