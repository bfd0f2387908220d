package io.courtside.dashboard;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** The server's routes on a real port, with a stand-in InfluxDB and a one-panel dashboard. */
public class DashboardServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String COUNTS =
      "{\"series\":[{\"name\":\"polarity_window\",\"columns\":[\"time\",\"positive\"],"
          + "\"values\":[[\"2026-05-20T02:00:00Z\",3],[\"2026-05-20T02:01:00Z\",null]]}]}";
  private static final String TOPICS =
      "{\"series\":[{\"name\":\"polarity_window\",\"columns\":[\"key\",\"value\"],"
          + "\"values\":[[\"topic\",\"twitterdata\"]]}]}";

  private FakeInflux influx;
  private DashboardServer server;
  private Path dir;

  @Before
  public void start() throws Exception {
    influx = new FakeInflux(Map.of("SHOW TAG VALUES", TOPICS, "sum(\"positive\")", COUNTS));
    dir = Files.createTempDirectory("dashboards");
    Files.writeString(
        dir.resolve("one.json"),
        "{\"uid\":\"one\",\"title\":\"One\",\"templating\":{\"list\":["
            + "{\"name\":\"topic\",\"type\":\"query\",\"includeAll\":true,\"query\":\"SHOW TAG VALUES FROM \\\"polarity_window\\\" WITH KEY = \\\"topic\\\"\"}]},"
            + "\"panels\":[{\"id\":7,\"type\":\"timeseries\",\"title\":\"Positive\",\"targets\":[{\"refId\":\"A\","
            + "\"query\":\"SELECT sum(\\\"positive\\\") FROM \\\"polarity_window\\\" WHERE \\\"topic\\\" =~ /^$topic$/ AND $timeFilter GROUP BY time($__interval)\"}]}]}");
    server = DashboardServer.start("127.0.0.1", 0, new Dashboards(dir), influx.client());
  }

  @After
  public void stop() throws Exception {
    server.close();
    influx.close();
    try (var files = Files.list(dir)) {
      files.forEach(f -> f.toFile().delete());
    }
    Files.delete(dir);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(server.url() + path.substring(1))).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  public void dataRunsTheFilesQueriesWithTheSelectionAndGivesTimesInMillis() throws Exception {
    HttpResponse<String> r =
        get("/api/dashboards/one/data?range=15m&follow=false&var-topic=twitterdata");
    assertEquals(r.body(), 200, r.statusCode());
    JsonNode data = JSON.readTree(r.body());
    JsonNode series = data.path("panels").path(0).path("results").path(0).path("series").path(0);
    assertEquals(1779242400000L, series.path("values").path(0).path(0).asLong());
    assertEquals(3, series.path("values").path(0).path(1).asInt());
    assertEquals(15 * 60_000L, data.path("to").asLong() - data.path("from").asLong());
    String sent = influx.queries.get(influx.queries.size() - 1);
    assertTrue(sent, sent.contains("\"topic\" =~ /^twitterdata$/ AND time >= "));
  }

  @Test
  public void theBrowserCannotChooseAValueARangeOrAQuery() throws Exception {
    int before = influx.queries.size();
    HttpResponse<String> r = get("/api/dashboards/one/data?var-topic=x%2F%20OR%201%3D1");
    assertEquals(400, r.statusCode());
    assertTrue(r.body(), r.body().startsWith("variable $topic: "));
    assertEquals(400, get("/api/dashboards/one/data?range=100d").statusCode());
    // Only the variable query ran for the refused selection; no panel query.
    assertTrue(
        influx.queries.subList(before, influx.queries.size()).stream()
            .noneMatch(q -> q.contains("sum(")));
    HttpResponse<String> post =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(server.url() + "api/dashboards/one/data"))
                .POST(HttpRequest.BodyPublishers.ofString("q=DROP"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(405, post.statusCode());
  }

  @Test
  public void onlyTheListedFilesAreServedAndThePageIsLight() throws Exception {
    assertEquals(404, get("/static/../dashboard.html").statusCode());
    assertEquals(404, get("/static/DashboardServer.class").statusCode());
    assertEquals(400, get("/d/nosuch").statusCode());
    long bytes = 0;
    for (String p :
        new String[] {
          "/d/one",
          "/static/dashboard.js",
          "/static/panels.js",
          "/static/dashboard.css",
          "/static/uPlot.iife.min.js",
          "/static/uPlot.min.css",
          "/api/dashboards/one"
        }) {
      HttpResponse<String> r = get(p);
      assertEquals(p, 200, r.statusCode());
      bytes += r.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }
    assertTrue(bytes + " bytes", bytes < 200_000); // "well under 1 MB"
    assertTrue(get("/").body().contains("href=\"/d/one\""));
  }
}
