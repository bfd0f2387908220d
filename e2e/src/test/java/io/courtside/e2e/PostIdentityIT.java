package io.courtside.e2e;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.courtside.model.Post;
import io.courtside.pipeline.influx.InfluxDbClient;
import io.courtside.pipeline.launch.PipelineLauncher;
import io.courtside.pipeline.score.Polarity;
import io.courtside.sentiment.Vader;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.PipelineResult;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;

/**
 * One post_sentiment point per post id, on a real broker and influxd: a burst of posts with one
 * createdAt second keeps every post, and an edited post (new text, polarity and source, createdAt
 * in the same second) replaces its point instead of adding one.
 */
public class PostIdentityIT {
  private static final Vader VADER = Vader.standard();
  @ClassRule @Rule public static final StackRule stack = new StackRule("courtside-identity");

  @Test
  public void twentyThousandPostsOfOneSecondAreTwentyThousandPoints() throws Exception {
    // X gives createdAt in whole seconds: a busy second is many posts with one createdAt.
    Instant second = Instant.parse("2026-05-20T01:02:03Z");
    List<Post> posts = new ArrayList<>();
    long snowflake = 1_792_000_000_000_000_000L;
    for (Post p : TestPosts.posts("burst-", 20_000, second, 0, 43)) {
      String id = posts.size() % 2 == 0 ? Long.toString(snowflake + posts.size()) : p.id();
      posts.add(new Post(id, second, p.text(), p.lang(), p.author(), p.source(), p.hashtags()));
    }
    Traffic.send(stack.kafkaBootstrap(), "burst", Traffic.of(posts));

    String[] args = JobArgs.inProcess(stack, "burst", "db_burst", "--windowSize=1m", "--backfill");
    assertEquals(
        PipelineResult.State.DONE,
        PipelineLauncher.start(PipelineLauncher.parse(args)).waitUntilFinish());

    InfluxDbClient influx = new InfluxDbClient(stack.influxUrl(), "db_burst");
    assertEquals(20_000, InfluxQuery.count(influx, "SELECT count(compound) FROM post_sentiment"));
    assertEquals(
        20_000, InfluxQuery.count(influx, "SELECT count(distinct(id)) FROM post_sentiment"));
    assertEquals(Expected.recount(posts), Expected.storedWindows(influx));
    Verified.await(java.util.Arrays.asList(args), Duration.ofSeconds(30));
  }

  @Test
  public void anEditedPostIsOnePointWithTheLatestTextPolarityAndSource() throws Exception {
    String topic = "edits";
    Instant second = Instant.now().minusSeconds(20).truncatedTo(ChronoUnit.SECONDS);
    String before = "What a great win, love this team!";
    String after = "Terrible loss, awful defense, I hate this.";
    assertEquals(Polarity.POSITIVE, Polarity.of(VADER.polarityScores(before).compound()));
    assertEquals(Polarity.NEGATIVE, Polarity.of(VADER.polarityScores(after).compound()));
    int n = 50;
    List<Post> originals = new ArrayList<>();
    List<Post> edits = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String id = "edit-" + i;
      originals.add(
          new Post(
              id, second.plusMillis(100), before + " #" + i, "en", "fan", "synthetic", List.of()));
      edits.add(
          new Post(
              id, second.plusMillis(900), after + " #" + i, "en", "fan", "bluesky", List.of()));
    }
    Traffic.send(stack.kafkaBootstrap(), topic, Traffic.of(originals));

    InfluxDbClient influx = new InfluxDbClient(stack.influxUrl(), "db_edits");
    String[] args =
        JobArgs.inProcess(
            stack,
            topic,
            "db_edits",
            "--consumerGroup=" + topic,
            "--windowSize=1m",
            "--earlyFiringPeriod=1s");
    PipelineResult job = PipelineLauncher.start(PipelineLauncher.parse(args));
    try {
      Expected.awaitPosts(influx, n, Duration.ofSeconds(120));
      assertEquals(originals.get(0).text(), stored(influx).get("edit-0").get("text").asText());

      // The edits arrive later, as they would from a live source.
      Traffic.send(stack.kafkaBootstrap(), topic, Traffic.of(edits));
      Expected.await("every edit stored", Duration.ofSeconds(120), () -> allEdited(influx, edits));
      // The window counts each edited post once, as negative: its latest version.
      Verified.await(java.util.Arrays.asList(args), Duration.ofSeconds(60));
      assertEquals(
          "0/" + n + "/0",
          InfluxQuery.rows(influx, "SELECT positive, negative, neutral FROM polarity_window")
              .stream()
              .map(
                  r ->
                      r.get("positive").asLong()
                          + "/"
                          + r.get("negative").asLong()
                          + "/"
                          + r.get("neutral").asLong())
              .reduce((a, b) -> a + " " + b)
              .orElse("none"));
      assertEquals(PipelineResult.State.RUNNING, job.getState());
    } finally {
      job.cancel();
    }
    assertEquals(n, InfluxQuery.count(influx, "SELECT count(compound) FROM post_sentiment"));
    Map<String, JsonNode> stored = stored(influx);
    assertEquals(n, stored.size());
    for (Post edit : edits) {
      JsonNode row = stored.get(edit.id());
      assertEquals(edit.text(), row.get("text").asText());
      assertEquals("negative", row.get("polarity").asText());
      assertEquals("bluesky", row.get("source").asText());
      assertEquals(
          VADER.polarityScores(edit.text()).compound(), row.get("compound").asDouble(), 0.0);
    }
  }

  /** Every stored row by id; an id stored twice fails. */
  private static Map<String, JsonNode> stored(InfluxDbClient influx) throws Exception {
    Map<String, JsonNode> byId = new HashMap<>();
    for (JsonNode row :
        InfluxQuery.rows(
            influx, "SELECT id, \"text\", polarity, \"source\", compound FROM post_sentiment")) {
      assertTrue("stored twice: " + row, byId.put(row.get("id").asText(), row) == null);
    }
    return byId;
  }

  private static boolean allEdited(InfluxDbClient influx, List<Post> edits) {
    try {
      Map<String, JsonNode> stored = stored(influx);
      return edits.stream()
          .allMatch(
              e ->
                  stored.containsKey(e.id())
                      && e.text().equals(stored.get(e.id()).get("text").asText()));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
