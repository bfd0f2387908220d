package io.courtside.e2e;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.courtside.dashboard.DashboardServer;
import io.courtside.dashboard.Dashboards;
import io.courtside.dashboard.GrafanaTemplating;
import io.courtside.dashboard.browser.BrowserPage;
import io.courtside.dashboard.browser.DashboardPage;
import io.courtside.dashboard.browser.HeadlessChromium;
import io.courtside.ingest.KafkaSettings;
import io.courtside.ingest.PostProducer;
import io.courtside.ingest.TopicAdmin;
import io.courtside.model.Post;
import io.courtside.model.PostJson;
import io.courtside.pipeline.influx.InfluxDbClient;
import io.courtside.pipeline.influx.InfluxDbException;
import io.courtside.pipeline.launch.PipelineLauncher;
import io.courtside.pipeline.score.Polarity;
import io.courtside.sentiment.Vader;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.beam.sdk.PipelineResult;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;

/**
 * The dashboards against real data: the job (DirectRunner, backfill) reads a replay file of posts
 * about the Lakers and the Heat, twenty minutes of recent synthetic posts and some malformed
 * records from a real broker, and writes to a real influxd. Then every panel query and every alert
 * query, with variables substituted as Grafana would, must return at least one series, and every
 * page of {@code courtside dashboard} must draw data in a real headless Chromium.
 */
public class DashboardQueriesIT {
  private static final String TOPIC = "dashboards";
  private static final String DB = "db_dashboards";
  private static final String REPLAY = "/replay/lakers-heat-night.jsonl";
  @ClassRule @Rule public static final StackRule stack = new StackRule("courtside-dashboards");
  private static InfluxDbClient influx;
  private static List<Post> replayed;

  @BeforeClass
  public static void runPipelineOnce() throws Exception {
    replayed = readReplay();
    Instant start = Instant.now().minus(20, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
    List<Post> recent = TestPosts.posts("live-", 1200, start, 1000, 21); // up to now
    produce(replayed, recent, TestPosts.malformed(14));

    String[] args = JobArgs.inProcess(stack, TOPIC, DB, "--windowSize=1m", "--backfill");
    PipelineResult.State state =
        PipelineLauncher.start(PipelineLauncher.parse(args)).waitUntilFinish();
    assertEquals(PipelineResult.State.DONE, state);
    influx = new InfluxDbClient(stack.influxUrl(), DB);
  }

  @Test
  public void everyPanelQueryReturnsData() throws Exception {
    Instant to = Instant.now();
    Instant from = to.minus(1, ChronoUnit.HOURS); // the dashboards' default range
    int checked = 0;
    for (Dashboards.Dashboard dashboard : DashboardQueries.dashboards().all()) {
      GrafanaTemplating vars = GrafanaTemplating.forDashboard(dashboard.json(), influx, from, to);
      vars.options()
          .forEach(
              (name, values) ->
                  assertTrue(
                      dashboard.uid() + ": variable $" + name + " has no values",
                      !values.isEmpty()));
      for (DashboardQueries.Query q : DashboardQueries.panelQueries(dashboard)) {
        requireSeries(q.where(), vars.apply(q.text()));
        checked++;
      }
    }
    assertTrue("only " + checked + " panel queries", checked >= 15);
  }

  /**
   * Each dashboard's page in headless Chromium: every panel drew data, no console error; a variable
   * change re-queries (the team panel then holds that team only, as many points as InfluxDB has);
   * 24 fast refreshes (two minutes of the page's own) grow neither heap; a link with a value the
   * variable does not offer falls back to the default. Screenshots go to e2e/target/screenshots.
   */
  @Test
  public void everyDashboardPageDrawsDataInARealBrowser() throws Exception {
    Path shots = Path.of("target", "screenshots");
    Dashboards dashboards = DashboardQueries.dashboards();
    try (DashboardServer server = DashboardServer.start("127.0.0.1", 0, dashboards, influx);
        HeadlessChromium browser = HeadlessChromium.launch(1400, 900)) {
      for (Dashboards.Dashboard d : dashboards.all()) {
        BrowserPage page = browser.newPage(1400, 900);
        DashboardPage.open(
            page, server.url() + "d/" + d.uid() + "?range=1h&follow=false", Duration.ofSeconds(60));
        JsonNode panels = DashboardPage.panels(page);
        assertEquals(d.uid(), Dashboards.panels(d.json()).size(), panels.size());
        panels
            .fields()
            .forEachRemaining(
                p -> {
                  String where = d.uid() + " panel " + p.getKey() + " " + p.getValue();
                  assertEquals(where, "data", p.getValue().path("state").asText());
                  assertTrue(where, p.getValue().path("points").asInt() > 0);
                });
        page.screenshot(shots.resolve(d.uid() + ".png"));
        if (d.uid().equals("courtside-entities")) {
          aVariableChangeRequeries(page);
        }
        if (d.uid().equals("courtside-overview")) {
          refreshesDoNotGrowTheHeap(
              page, server.url() + "d/" + d.uid() + "?range=1h&follow=false&refresh=100");
          // A value the variable does not offer (an old link): refused by the server (the one
          // failed load in the console), then dropped by the page, which draws the default.
          BrowserPage oldLink = browser.newPage(1400, 900);
          DashboardPage.open(
              oldLink,
              server.url() + "d/" + d.uid() + "?range=1h&follow=false&var-source=nosuch",
              Duration.ofSeconds(60));
          assertTrue(!oldLink.evaluate("courtside.lastQuery").asText().contains("var-source"));
          assertEquals(oldLink.errors().toString(), 1, oldLink.errors().size());
          assertTrue(
              oldLink.errors().get(0),
              oldLink.errors().get(0).contains("400")
                  && oldLink.errors().get(0).contains("var-source=nosuch"));
        }
        assertEquals(d.uid(), List.of(), page.errors());
      }
    }
  }

  private static void aVariableChangeRequeries(BrowserPage page) throws Exception {
    String team =
        page.evaluate(
                "Array.from(document.getElementById('var-team').options)"
                    + ".map(o => o.value).find(v => v !== '$__all')")
            .asText();
    String panel =
        "Object.values(courtside.panels).find(p => p.title.startsWith('Team sentiment'))";
    assertTrue(page.evaluate(panel + ".series.length").asInt() > 1);
    int before = DashboardPage.refreshes(page);
    page.evaluate(
        "(() => { const s = document.getElementById('var-team'); s.value = "
            + quote(team)
            + "; s.dispatchEvent(new Event('change')); })()");
    assertTrue(
        page.waitFor(
            "courtside.refreshes > " + before + " && !courtside.busy", Duration.ofSeconds(20)));
    assertTrue(
        page.evaluate("courtside.lastQuery").asText(),
        page.evaluate("courtside.lastQuery")
            .asText()
            .contains("var-team=" + java.net.URLEncoder.encode(team, StandardCharsets.UTF_8)));
    assertEquals("Team sentiment (" + team + ")", page.evaluate(panel + ".title").asText());
    JsonNode series = page.evaluate(panel + ".series");
    assertEquals(series.toString(), 1, series.size());
    assertEquals(team, series.get(0).asText());
    // The oracle: the same windows counted by InfluxDB directly, over the range the page showed.
    JsonNode range = page.evaluate("courtside.range");
    long windows =
        InfluxQuery.count(
            influx,
            "SELECT count(\"m\") FROM (SELECT mean(\"compound_mean\") AS \"m\""
                + " FROM \"entity_window\" WHERE \"kind\" = 'team' AND \"entity\" = '"
                + team.replace("'", "\\'")
                + "'"
                + " AND time >= "
                + range.path("from").asLong()
                + "ms AND time <= "
                + range.path("to").asLong()
                + "ms"
                + " GROUP BY time("
                + range.path("interval").asText()
                + ") fill(none))");
    assertEquals(windows, page.evaluate(panel + ".points").asLong());
  }

  private static void refreshesDoNotGrowTheHeap(BrowserPage page, String url) throws Exception {
    DashboardPage.open(page, url, Duration.ofSeconds(60));
    long jvmBefore = usedJvmHeapAfterGc();
    long before = page.heapUsedAfterGc();
    int start = DashboardPage.refreshes(page);
    // 24 refreshes: two minutes of the default 5 s refresh, in a few seconds.
    assertTrue(page.waitFor("courtside.refreshes >= " + (start + 24), Duration.ofSeconds(60)));
    long grown = page.heapUsedAfterGc() - before;
    long jvmGrown = usedJvmHeapAfterGc() - jvmBefore;
    System.out.printf(
        "24 refreshes: browser heap %+d bytes, JVM heap %+d bytes%n", grown, jvmGrown);
    assertTrue("browser heap grew by " + grown + " bytes", grown < 1_000_000);
    assertTrue("JVM heap grew by " + jvmGrown + " bytes", jvmGrown < 32_000_000);
  }

  private static long usedJvmHeapAfterGc() {
    System.gc();
    Runtime r = Runtime.getRuntime();
    return r.totalMemory() - r.freeMemory();
  }

  private static String quote(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  @Test
  public void everyAlertQueryReturnsData() throws Exception {
    Instant to = Instant.now();
    // Alert queries see relativeTimeRange {from: 600}: the last ten minutes.
    JsonNode noVariables = DashboardQueries.dashboards().all().get(0).json().path("none");
    GrafanaTemplating vars =
        GrafanaTemplating.forDashboard(noVariables, influx, to.minusSeconds(600), to);
    List<DashboardQueries.Query> queries = DashboardQueries.alertQueries();
    assertTrue(queries.size() >= 2);
    for (DashboardQueries.Query q : queries) {
      requireSeries(q.where(), vars.apply(q.text()));
    }
  }

  @Test
  public void aTypoInAQueryFailsTheCheck() throws Exception {
    Dashboards.Dashboard dashboard = DashboardQueries.dashboards().all().get(0);
    GrafanaTemplating vars =
        GrafanaTemplating.forDashboard(
            dashboard.json(), influx, Instant.now().minusSeconds(3600), Instant.now());
    DashboardQueries.Query q = DashboardQueries.panelQueries(dashboard).get(0);
    // A misspelt measurement, a misspelt field, and broken syntax: each must fail.
    for (String typo :
        List.of(
            q.text().replaceFirst("\"(\\w+)_(\\w+)\"", "\"$1_$2x\""),
            q.text()
                .replaceFirst("sum\\(\"(\\w+)\"\\)", "sum(\"$1x\")")
                .replaceFirst("mean\\(\"(\\w+)\"\\)", "mean(\"$1x\")"),
            q.text().replaceFirst("SELECT", "SELEC"))) {
      assertTrue("no typo made in " + q.text(), !typo.equals(q.text()));
      assertThrows(typo, AssertionError.class, () -> requireSeries("typo", vars.apply(typo)));
    }
  }

  @Test
  public void lakersPostsOfTheReplayAreCountedUnderLakersAndTheHeatIsOnIsNotMiami()
      throws Exception {
    Vader vader = Vader.standard();
    Map<String, Long> lakers = expected(replayed, "lal-", vader);
    Map<String, Long> heat = expected(replayed, "mia-", vader);
    assertEquals(8L, (long) lakers.get("total"));
    assertEquals(lakers, stored("Lakers"));
    System.out.println("Lakers " + lakers + ", Heat " + heat);
    // Only the three posts about the team: "the heat is on", "this heat wave", "feeling the heat"
    // (lower-case "heat", no #heat or @handle) are not Miami under the documented rule.
    assertEquals(3L, (long) heat.get("total"));
    assertEquals(heat, stored("Heat"));
  }

  private static Map<String, Long> expected(List<Post> posts, String idPrefix, Vader vader) {
    Map<String, Long> counts =
        new TreeMap<>(Map.of("positive", 0L, "negative", 0L, "neutral", 0L, "total", 0L));
    for (Post p : posts) {
      if (p.id().startsWith(idPrefix)) {
        counts.merge(Polarity.of(vader.polarityScores(p.text()).compound()).tag(), 1L, Long::sum);
        counts.merge("total", 1L, Long::sum);
      }
    }
    return counts;
  }

  /** Counts of the replay's time range under entity_window for {@code entity}. */
  private static Map<String, Long> stored(String entity) throws Exception {
    String q =
        "SELECT sum(\"positive\") AS \"positive\", sum(\"negative\") AS \"negative\","
            + " sum(\"neutral\") AS \"neutral\", sum(\"total\") AS \"total\" FROM \"entity_window\""
            + " WHERE \"entity\" = '"
            + entity
            + "' AND time >= '2026-05-20T02:00:00Z' AND time < '2026-05-20T03:00:00Z'";
    List<JsonNode> rows = InfluxQuery.rows(influx, q);
    Map<String, Long> counts = new TreeMap<>();
    for (String f : List.of("positive", "negative", "neutral", "total")) {
      counts.put(f, rows.isEmpty() ? 0L : rows.get(0).path(f).asLong());
    }
    return counts;
  }

  private static void requireSeries(String where, String influxql) throws Exception {
    JsonNode result;
    try {
      result = InfluxQuery.result(influx, influxql);
    } catch (InfluxDbException e) { // a query that does not parse is answered with HTTP 400
      throw new AssertionError(
          where + ": InfluxDB refused it: " + e.getMessage() + "\n  " + influxql, e);
    }
    if (result.has("error")) {
      throw new AssertionError(
          where + ": InfluxDB says " + result.get("error") + "\n  " + influxql);
    }
    if (result.path("series").isEmpty()) {
      throw new AssertionError(where + ": no series\n  " + influxql);
    }
    System.out.println("ok " + where + ": " + result.path("series").size() + " series");
  }

  private static List<Post> readReplay() throws Exception {
    List<Post> posts = new ArrayList<>();
    try (InputStream in = DashboardQueriesIT.class.getResourceAsStream(REPLAY)) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank()) {
          posts.add(PostJson.parse(line));
        }
      }
    }
    return posts;
  }

  private static void produce(List<Post> replay, List<Post> recent, List<String> bad)
      throws Exception {
    new TopicAdmin(KafkaSettings.admin(stack.kafkaBootstrap(), new Properties()))
        .ensureTopic(TOPIC, 3, (short) 1);
    try (PostProducer producer =
        PostProducer.create(
            KafkaSettings.producer(stack.kafkaBootstrap(), new Properties()), TOPIC)) {
      replay.forEach(producer::post);
      recent.forEach(producer::post);
      for (int i = 0; i < bad.size(); i++) {
        producer.raw("bad-" + i, bad.get(i).getBytes(StandardCharsets.UTF_8));
      }
      producer.flush();
      assertEquals(0, producer.failed());
    }
  }
}
