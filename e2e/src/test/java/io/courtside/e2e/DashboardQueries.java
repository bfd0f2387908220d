package io.courtside.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Every InfluxQL query Grafana would send for the files under {@code grafana/}: each panel target
 * of each dashboard, and each InfluxDB query of each provisioned alert rule, with where it came
 * from. Variable queries are read by {@link GrafanaTemplating}.
 */
final class DashboardQueries {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new YAMLMapper();
  static final String DATASOURCE_UID = "courtside-influx";

  /** One query: where it is ("courtside-health.json panel 2 'Latency' A") and its raw text. */
  record Query(String where, String text) {}

  private DashboardQueries() {}

  static Path grafanaDir() {
    return Path.of(System.getProperty("courtside.home", "..")).resolve("grafana");
  }

  static List<Path> dashboardFiles() throws IOException {
    try (Stream<Path> files = Files.list(grafanaDir().resolve("dashboards"))) {
      List<Path> out = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
      if (out.isEmpty()) {
        throw new AssertionError("no dashboards in " + grafanaDir().resolve("dashboards"));
      }
      return out;
    }
  }

  static JsonNode read(Path dashboard) throws IOException {
    return JSON.readTree(dashboard.toFile());
  }

  static List<Query> panelQueries(Path file, JsonNode dashboard) {
    List<Query> out = new ArrayList<>();
    List<JsonNode> panels = new ArrayList<>();
    for (JsonNode p : dashboard.path("panels")) {
      panels.add(p);
      p.path("panels").forEach(panels::add); // panels inside rows
    }
    for (JsonNode p : panels) {
      for (JsonNode t : p.path("targets")) {
        out.add(new Query(
            file.getFileName() + " panel " + p.path("id").asInt() + " '" + p.path("title").asText()
                + "' " + t.path("refId").asText(),
            t.path("query").asText()));
      }
    }
    return out;
  }

  static List<Query> alertQueries() throws IOException {
    List<Query> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(grafanaDir().resolve("provisioning/alerting"))) {
      for (Path f : files.filter(f -> f.toString().matches(".*\\.ya?ml$")).sorted().toList()) {
        for (JsonNode group : YAML.readTree(f.toFile()).path("groups")) {
          for (JsonNode rule : group.path("rules")) {
            for (JsonNode d : rule.path("data")) {
              if (DATASOURCE_UID.equals(d.path("datasourceUid").asText())) {
                out.add(new Query(
                    f.getFileName() + " rule '" + rule.path("title").asText() + "' " + d.path("refId").asText(),
                    d.path("model").path("query").asText()));
              }
            }
          }
        }
      }
    }
    return out;
  }
}
