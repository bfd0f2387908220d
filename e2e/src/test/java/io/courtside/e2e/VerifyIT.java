package io.courtside.e2e;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertEquals;

import io.courtside.cli.VerifyCommand;
import io.courtside.ingest.KafkaSettings;
import io.courtside.model.Post;
import io.courtside.model.PostJson;
import io.courtside.pipeline.influx.InfluxDbClient;
import io.courtside.pipeline.influx.InfluxSchema;
import io.courtside.pipeline.launch.PipelineLauncher;
import io.courtside.pipeline.window.PolarityCounts;
import io.courtside.pipeline.window.WindowCounts;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import org.apache.beam.sdk.PipelineResult;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;

/**
 * {@code courtside verify} on real parts: a backfill of posts with duplicates, an edit and junk
 * lines (advancing createdAt and Kafka timestamps) verifies equal; a tampered window and a deleted
 * post point are then named, with exit code 1.
 */
public class VerifyIT {
  // Recent: records with explicit Kafka timestamps older than the topic's retention (7 days) are
  // deleted by the broker while the test runs.
  private static final Instant T0 =
      Instant.now()
          .minus(java.time.Duration.ofHours(2))
          .truncatedTo(java.time.temporal.ChronoUnit.HOURS);
  private static final String TOPIC = "verified";
  private static final String DB = "db_verify";
  @ClassRule @Rule public static final StackRule stack = new StackRule("courtside-verify");

  /** A record with its own Kafka timestamp. */
  private record Sent(long ts, String key, byte[] value) {}

  @Test
  public void aBackfillVerifiesEqualAndATamperedWindowAndADroppedPostAreNamed() throws Exception {
    List<Post> posts = TestPosts.posts("v-", 300, T0, 1000, 21); // one a second: 5 windows
    List<Sent> sent = new ArrayList<>();
    for (int i = 0; i < posts.size(); i++) {
      Post p = posts.get(i);
      sent.add(new Sent(p.createdAt().toEpochMilli() + 2_000, p.id(), PostJson.toBytes(p)));
    }
    List<String> junk = TestPosts.malformed(15);
    for (int j = 0; j < junk.size(); j++) {
      sent.add(
          new Sent(
              T0.toEpochMilli() + j * 20_000L + 500,
              "junk-" + j,
              junk.get(j).getBytes(StandardCharsets.UTF_8)));
    }
    Post original = Post.of("v-edit", T0.plusSeconds(90), "Lakers are amazing, I love this team!");
    Post edit = Post.of("v-edit", T0.plusSeconds(90), "Lakers are terrible, I hate this.");
    sent.add(new Sent(T0.toEpochMilli() + 91_000, original.id(), PostJson.toBytes(original)));
    long later = T0.toEpochMilli() + 400_000;
    for (int i = 0; i < 20; i++) { // re-sent posts: counted once
      sent.add(new Sent(later + i * 100, posts.get(i).id(), PostJson.toBytes(posts.get(i))));
    }
    sent.add(new Sent(later + 5_000, edit.id(), PostJson.toBytes(edit)));
    sent.sort(Comparator.comparingLong(Sent::ts));
    produce(sent);

    PipelineResult.State state =
        PipelineLauncher.start(
                PipelineLauncher.parse(
                    JobArgs.inProcess(stack, TOPIC, DB, "--backfill", "--windowSize=1m")))
            .waitUntilFinish();
    assertEquals(PipelineResult.State.DONE, state);

    Run ok = verify();
    assertEquals(ok.out + ok.err, 0, ok.code);
    assertThat(ok.out, containsString("OK: InfluxDB matches the topic"));
    assertThat(ok.out, containsString("301 distinct post ids")); // v-0..v-299 and v-edit, each once
    assertThat(ok.err, containsString("read 337 / 337 records"));

    // A window size the job did not run with is a bad flag, named before the topic is read.
    Run wrongSize = verify("--windowSize=45s");
    assertEquals(wrongSize.out + wrongSize.err, 2, wrongSize.code);
    assertThat(
        wrongSize.err,
        containsString("--windowSize=45s does not match the windows stored for topic " + TOPIC));
    assertThat(wrongSize.err, containsString("all start on multiples of 1m"));
    assertThat(wrongSize.err, not(containsString("records")));

    // A size that divides the job's fits every stored start: the windows between the job's are
    // missing, and the report's hint names the size the stored windows were made with.
    Run divisor = verify("--windowSize=30s");
    assertEquals(divisor.out + divisor.err, 1, divisor.code);
    assertThat(
        divisor.out,
        containsString(
            "start off the 1m grid that every stored one starts on: if the job ran with"
                + " --windowSize=1m, verify with that"));

    // One window with a wrong total, one post point gone.
    Instant window = T0.plusSeconds(120);
    new InfluxDbClient(stack.influxUrl(), DB)
        .write(
            List.of(
                InfluxSchema.windowLine(
                    new WindowCounts(
                        TOPIC,
                        new org.joda.time.Instant(window.toEpochMilli()),
                        new org.joda.time.Instant(window.toEpochMilli() + 60_000),
                        new PolarityCounts(99, 0, 0, 49.5)))));
    // The point's own time (its id hash spreads it over createdAt's second): delete just that one.
    String dropped =
        InfluxQuery.rows(
                new InfluxDbClient(stack.influxUrl(), DB),
                "SELECT id FROM post_sentiment WHERE id = 'v-150'")
            .get(0)
            .get("time")
            .asText();
    postQuery(
        "DELETE FROM post_sentiment WHERE time >= '" + dropped + "' AND time <= '" + dropped + "'");

    Run bad = verify();
    assertEquals(bad.out + bad.err, 1, bad.code);
    assertThat(bad.out, containsString("different                   polarity_window " + window));
    assertThat(bad.out, containsString("stored total=99"));
    assertThat(bad.out, containsString("missing post  id=v-150"));
    assertThat(bad.out, containsString("DIFFERENT"));

    // --from/--to leave the tampered window and the dropped post out of the comparison.
    Run before = verify("--to=" + window);
    assertEquals(before.out + before.err, 0, before.code);
    assertThat(before.out, not(containsString("v-150")));
  }

  private record Run(int code, String out, String err) {}

  private static Run verify(String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--bootstrapServers=" + stack.kafkaBootstrap(),
                "--topic=" + TOPIC,
                "--influxUrl=" + stack.influxUrl(),
                "--influxDatabase=" + DB));
    args.addAll(List.of(extra));
    if (args.stream().noneMatch(a -> a.startsWith("--windowSize="))) {
      args.add("--windowSize=1m");
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        VerifyCommand.run(
            new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(new String[0]));
    System.out.println(
        "courtside verify " + String.join(" ", extra) + " -> exit " + code + "\n" + err + out);
    return new Run(code, out.toString(), err.toString());
  }

  private static void produce(List<Sent> records) throws Exception {
    Traffic.createTopic(stack.kafkaBootstrap(), TOPIC);
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            KafkaSettings.producer(stack.kafkaBootstrap(), new Properties()),
            new StringSerializer(),
            new ByteArraySerializer())) {
      for (Sent s : records) {
        producer.send(new ProducerRecord<>(TOPIC, null, s.ts(), s.key(), s.value())).get();
      }
    }
  }

  /** InfluxQL that changes data (DELETE) must be POSTed. */
  private static void postQuery(String influxql) throws Exception {
    HttpResponse<String> resp =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            stack.influxUrl()
                                + "/query?db="
                                + DB
                                + "&q="
                                + URLEncoder.encode(influxql, StandardCharsets.UTF_8)))
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(resp.body(), 200, resp.statusCode());
    assertThat(resp.body(), not(containsString("error")));
  }
}
