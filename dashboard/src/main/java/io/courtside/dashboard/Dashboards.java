package io.courtside.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The Grafana dashboards of {@code grafana/dashboards/*.json}, read from the files on every call so
 * an edited dashboard shows on the next reload: the files stay the one source of truth.
 */
public final class Dashboards {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One dashboard file: its uid, title and the parsed JSON. */
  public record Dashboard(String uid, String title, Path file, JsonNode json) {}

  /** One InfluxQL target of a panel: where it is ("courtside-health.json panel 2 'Latency' A"). */
  public record Target(JsonNode panel, String refId, String query, String where) {}

  private final Path dir;

  public Dashboards(Path dir) {
    this.dir = dir;
  }

  /**
   * {@code grafana/dashboards} under the project ({@code -Dcourtside.home}, else the working
   * directory's parent).
   */
  public static Path defaultDir() {
    return Path.of(System.getProperty("courtside.home", ".."))
        .resolve("grafana")
        .resolve("dashboards");
  }

  public Path dir() {
    return dir;
  }

  /** Every dashboard, sorted by file name. */
  public List<Dashboard> all() throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IOException(
          "no dashboards folder at " + dir + "; pass --dashboards=DIR (grafana/dashboards)");
    }
    List<Dashboard> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        JsonNode json = JSON.readTree(f.toFile());
        String uid =
            json.path("uid").asText(f.getFileName().toString().replaceFirst("\\.json$", ""));
        out.add(new Dashboard(uid, json.path("title").asText(uid), f, json));
      }
    }
    if (out.isEmpty()) {
      throw new IOException("no dashboards (*.json) in " + dir);
    }
    return out;
  }

  public Dashboard byUid(String uid) throws IOException, DashboardException {
    for (Dashboard d : all()) {
      if (d.uid().equals(uid)) {
        return d;
      }
    }
    throw new DashboardException("no dashboard with uid '" + uid + "' in " + dir);
  }

  /** The panels, with those inside collapsed rows, in file order. */
  public static List<JsonNode> panels(JsonNode dashboard) {
    List<JsonNode> panels = new ArrayList<>();
    for (JsonNode p : dashboard.path("panels")) {
      panels.add(p);
      p.path("panels").forEach(panels::add);
    }
    return panels;
  }

  /** Every panel's InfluxQL targets, in file order. */
  public static List<Target> targets(Dashboard d) {
    List<Target> out = new ArrayList<>();
    for (JsonNode p : panels(d.json())) {
      for (JsonNode t : p.path("targets")) {
        out.add(
            new Target(
                p,
                t.path("refId").asText(),
                t.path("query").asText(),
                d.file().getFileName()
                    + " panel "
                    + p.path("id").asInt()
                    + " '"
                    + p.path("title").asText()
                    + "' "
                    + t.path("refId").asText()));
      }
    }
    return out;
  }
}
