package io.courtside.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.courtside.dashboard.Dashboards;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Every InfluxQL query Grafana would send for the files under {@code grafana/}: the dashboards'
 * panel targets (read by the dashboard module's {@link Dashboards}, as the page reads them) and
 * each InfluxDB query of each provisioned alert rule, with where it came from.
 */
final class DashboardQueries {
  private static final ObjectMapper YAML = new YAMLMapper();
  static final String DATASOURCE_UID = "courtside-influx";

  /** One query: where it is ("courtside-health.json panel 2 'Latency' A") and its raw text. */
  record Query(String where, String text) {}

  private DashboardQueries() {}

  static Path grafanaDir() {
    return Path.of(System.getProperty("courtside.home", "..")).resolve("grafana");
  }

  static Dashboards dashboards() {
    return new Dashboards(grafanaDir().resolve("dashboards"));
  }

  static List<Query> panelQueries(Dashboards.Dashboard dashboard) {
    return Dashboards.targets(dashboard).stream()
        .map(t -> new Query(t.where(), t.query()))
        .toList();
  }

  static List<Query> alertQueries() throws IOException {
    List<Query> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(grafanaDir().resolve("provisioning/alerting"))) {
      for (Path f : files.filter(f -> f.toString().matches(".*\\.ya?ml$")).sorted().toList()) {
        for (JsonNode group : YAML.readTree(f.toFile()).path("groups")) {
          for (JsonNode rule : group.path("rules")) {
            for (JsonNode d : rule.path("data")) {
              if (DATASOURCE_UID.equals(d.path("datasourceUid").asText())) {
                out.add(
                    new Query(
                        f.getFileName()
                            + " rule '"
                            + rule.path("title").asText()
                            + "' "
                            + d.path("refId").asText(),
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
