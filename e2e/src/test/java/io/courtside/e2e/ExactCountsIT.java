package io.courtside.e2e;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.courtside.model.Post;
import io.courtside.model.PostJson;
import io.courtside.pipeline.influx.InfluxDbClient;
import io.courtside.pipeline.launch.PipelineLauncher;
import io.courtside.pipeline.verify.VerifyReport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.beam.sdk.PipelineResult;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;

/**
 * Window counts stay exact in the situations a user meets in the first week, on real parts (KRaft
 * broker, influxd, the job on DirectRunner in this JVM). Records carry createdAt values and Kafka
 * timestamps that advance and disagree, as real ones do. Each test ends with {@code courtside
 * verify} passing: every stored window equals a recount of the topic.
 */
public class ExactCountsIT {
  @ClassRule @Rule public static final StackRule stack = new StackRule("courtside-exact");

  /** One record: its partition (null: by key), Kafka timestamp, key and value. */
  private record Stamped(Integer partition, long kafkaMillis, String key, byte[] value) {
    static Stamped post(Post p, long kafkaMillis) {
      return new Stamped(null, kafkaMillis, p.id(), PostJson.toBytes(p));
    }

    static Stamped junk(String text, long kafkaMillis) {
      return new Stamped(
          null, kafkaMillis, "junk-" + kafkaMillis, text.getBytes(StandardCharsets.UTF_8));
    }

    Stamped in(int p) {
      return new Stamped(p, kafkaMillis, key, value);
    }
  }

  /** Sends {@code records} at {@code perSecond} (0: at once), each with its own Kafka timestamp. */
  private static void send(String topic, List<Stamped> records, int perSecond) throws Exception {
    try (CheckedProducer producer = new CheckedProducer(stack.kafkaBootstrap())) {
      long start = System.nanoTime();
      for (int i = 0; i < records.size(); i++) {
        if (perSecond > 0) {
          long wait = start + i * 1_000_000_000L / perSecond - System.nanoTime();
          if (wait > 0) {
            Thread.sleep(wait / 1_000_000);
          }
        }
        Stamped r = records.get(i);
        producer.send(
            new ProducerRecord<>(
                topic,
                r.partition(),
                r.kafkaMillis(),
                r.key().getBytes(StandardCharsets.UTF_8),
                r.value()));
      }
      producer.flush();
    }
  }

  /**
   * Live-like posts: createdAt every {@code stepMillis} from {@code start}, each produced 0-3 s
   * later.
   */
  private static List<Stamped> live(
      String prefix, int n, Instant start, long stepMillis, long seed) {
    Random r = new Random(seed);
    List<Stamped> out = new ArrayList<>();
    for (Post p : TestPosts.posts(prefix, n, start, stepMillis, seed)) {
      out.add(Stamped.post(p, p.createdAt().toEpochMilli() + r.nextInt(3_000)));
    }
    return out;
  }

  private static List<String> jobArgs(String topic, String db, String... extra) {
    List<String> a = JobArgs.of(stack, topic, db, "--consumerGroup=" + topic);
    a.addAll(List.of(extra));
    return a;
  }

  private static void backfill(List<String> args) {
    List<String> all = new ArrayList<>(args);
    all.add("--backfill");
    all.addAll(JobArgs.DIRECT_IN_PROCESS);
    PipelineResult.State s =
        PipelineLauncher.start(PipelineLauncher.parse(all.toArray(new String[0])))
            .waitUntilFinish();
    assertEquals(PipelineResult.State.DONE, s);
  }

  /** window start -> "total/positive/negative/neutral" of every polarity_window point. */
  private static Map<String, String> windows(String db) throws Exception {
    Map<String, String> out = new TreeMap<>();
    InfluxDbClient influx = new InfluxDbClient(stack.influxUrl(), db);
    for (JsonNode row :
        InfluxQuery.rows(
            influx, "SELECT total, positive, negative, neutral, closed FROM polarity_window")) {
      out.put(
          row.get("time").asText(),
          row.get("total").asLong()
              + "/"
              + row.get("positive").asLong()
              + "/"
              + row.get("negative").asLong()
              + "/"
              + row.get("neutral").asLong());
    }
    return out;
  }

  private static long windowTotal(String db) throws Exception {
    return InfluxQuery.count(
        new InfluxDbClient(stack.influxUrl(), db),
        "SELECT sum(total) AS count FROM polarity_window");
  }

  @Test
  public void aRestartAfterTheStreamOutgrewTheRewindHorizonKeepsEveryWindowItClosed()
      throws Exception {
    // Default window flags: the old rewind reached back 8.5 min of record time; 12 min of posts.
    String topic = "restart";
    Traffic.createTopic(stack.kafkaBootstrap(), topic, 3);
    Instant start = Instant.now().minus(Duration.ofMinutes(16)).truncatedTo(ChronoUnit.SECONDS);
    List<Stamped> first = live("r1-", 2_400, start, 300, 31);
    List<String> args = jobArgs(topic, "db_restart", "--partitionIdleness=3s");
    send(topic, first, 0);
    PipelineResult job = JobArgs.start(args);
    Map<String, String> before;
    try {
      Verified.await(args, Duration.ofMinutes(4));
      before = windows("db_restart");
      assertEquals(2_400, windowTotal("db_restart"));
    } finally {
      job.cancel();
    }
    // Restart with the same flags and group, then two more minutes of posts.
    PipelineResult second = JobArgs.start(args);
    try {
      List<Stamped> more = live("r2-", 400, start.plus(Duration.ofMinutes(12)), 300, 32);
      more.add(Stamped.junk("{\"id\":\"j\",\"text\":\"no createdAt\"}", more.get(0).kafkaMillis()));
      send(topic, more, 200);
      Verified.await(args, Duration.ofMinutes(4));
      Map<String, String> after = windows("db_restart");
      // Windows that end before the new posts begin hold exactly what they held before.
      Instant newPosts = start.plus(Duration.ofMinutes(12));
      before.forEach(
          (window, counts) -> {
            if (!Instant.parse(window).plus(Duration.ofMinutes(1)).isAfter(newPosts)) {
              assertEquals(
                  "window " + window + " changed across the restart", counts, after.get(window));
            }
          });
      assertEquals(2_800, windowTotal("db_restart"));
    } finally {
      second.cancel();
    }
  }

  @Test
  public void anArchiveReplayedAtSpeedIntoARunningJobIsCountedInFullJunkLinesIncluded()
      throws Exception {
    // A past evening, 3,000 posts over 50 minutes, sent at 200 posts/s (100x) to a job already
    // running on an empty topic; every 100th record is a junk line stamped now.
    String topic = "replay";
    Traffic.createTopic(stack.kafkaBootstrap(), topic, 3);
    List<String> args = jobArgs(topic, "db_replay");
    PipelineResult job = JobArgs.start(args);
    try {
      Thread.sleep(5_000); // the job is up and its partitions are empty and caught up
      Instant evening = Instant.parse("2025-06-01T01:00:00Z");
      List<Stamped> records = new ArrayList<>();
      for (Post p : TestPosts.posts("a-", 3_000, evening, 1_000, 41)) {
        records.add(Stamped.post(p, System.currentTimeMillis()));
        if (records.size() % 100 == 0) {
          records.add(Stamped.junk("not json " + records.size(), System.currentTimeMillis()));
        }
      }
      send(topic, records, 200);
      Verified.await(args, Duration.ofMinutes(4));
      assertEquals(3_000, windowTotal("db_replay"));

      // A backfill of the same topic into the same database changes no window.
      Map<String, String> streamed = windows("db_replay");
      backfill(args);
      assertEquals(streamed, windows("db_replay"));
      Verified.await(args, Duration.ofMinutes(1));
    } finally {
      job.cancel();
    }
  }

  @Test
  public void anIdleAdvanceMakesEveryRecordAfterTheGapLateNotOnlyTheFirst() throws Exception {
    // Seen replaying an archive whose one long wait was cut to 60 s: after the gap, the job's
    // watermark had moved on with the idle partition, and an edit that came second after the gap
    // was dropped as late (right), while verify judged it SURE and reported the window DIFFERENT.
    String topic = "idle-edit";
    String db = "db_idle_edit";
    Traffic.createTopic(stack.kafkaBootstrap(), topic, 1);
    List<String> args =
        jobArgs(
            topic,
            db,
            "--windowSize=10s",
            "--allowedLateness=1s",
            "--maxOutOfOrderness=1s",
            // The default: a shorter one is within verify's 5 s slack of any gap, and would make
            // every record MAYBE here.
            "--partitionIdleness=10s",
            "--earlyFiringPeriod=1s");
    // The last whole 10 s window before now.
    Instant window =
        Instant.ofEpochMilli(Math.floorDiv(System.currentTimeMillis(), 10_000) * 10_000 - 10_000);
    List<Stamped> originals = new ArrayList<>();
    // The partition's first record is always MAYBE (no clock yet): keep it out of the window.
    originals.add(
        Stamped.post(
            Post.of("w", window.minusSeconds(5), "What a day"), System.currentTimeMillis()));
    for (int i = 0; i < 4; i++) {
      Post p = Post.of("a" + i, window.plusSeconds(1 + i), "I love this team, amazing!");
      originals.add(Stamped.post(p, System.currentTimeMillis()));
    }
    // The clock: 9.5 s into the window; the watermark 1 s behind it keeps the window open.
    originals.add(
        Stamped.post(
            Post.of("x", window.plusMillis(9_500), "What a day"), System.currentTimeMillis()));
    PipelineResult job = JobArgs.start(args);
    try {
      send(topic, originals, 0);
      InfluxDbClient influx = new InfluxDbClient(stack.influxUrl(), db);
      String counted = "5/4/0/1";
      Expected.await(
          "the window counts the five posts",
          Duration.ofMinutes(2),
          () -> {
            try {
              return counted.equals(windows(db).get(window.toString()));
            } catch (Exception e) {
              return false;
            }
          });
      // Idle for longer than --partitionIdleness: the watermark moves on by the time elapsed,
      // past the window's end plus its lateness (it trailed them by only 2.5 s).
      Thread.sleep(15_000);
      // First after the gap a junk line (it does not move the clock), then the edit.
      Post edit = Post.of("a0", window.plusSeconds(1), "I hate this, terrible.");
      long sent = System.currentTimeMillis();
      send(topic, List.of(Stamped.junk("{not json", sent), Stamped.post(edit, sent + 1)), 0);
      // The edit's own point is rewritten (a late post keeps its post point) ...
      Expected.await(
          "the edit's post point",
          Duration.ofMinutes(2),
          () -> {
            try {
              return InfluxQuery.count(
                      influx,
                      "SELECT count(compound) FROM post_sentiment WHERE id = 'a0' AND compound < 0")
                  == 1;
            } catch (Exception e) {
              return false;
            }
          });
      Thread.sleep(3_000); // more than --earlyFiringPeriod: a pane that counted it would be written
      // ... but the window was closed when it came: the job dropped it as late.
      assertEquals(
          "the edit came after the window closed", counted, windows(db).get(window.toString()));
      // And verify says the edit may be late (in band), not that the window is wrong.
      VerifyReport report = Verified.await(args, Duration.ofMinutes(1));
      System.out.println(Verified.table(report));
      VerifyReport.Row row =
          report.rows().stream()
              .filter(
                  r ->
                      r.key().measurement().equals("polarity_window")
                          && r.key().startMillis() == window.toEpochMilli())
              .findFirst()
              .orElseThrow();
      assertEquals(Verified.table(report), VerifyReport.Status.IN_BAND, row.status());
    } finally {
      job.cancel();
    }
  }

  /**
   * Found by an adversarial run: one live post whose createdAt was 20 minutes ahead of its record's
   * Kafka timestamp (a device clock running fast; within the hour the parse rule accepts) took its
   * partition's clock 20 minutes ahead, and every ordinary post after it was dropped from the
   * windows as late, while verify, judging them by the same clock, said OK. Now such a post moves
   * the clock no further than its record's timestamp: it is counted in its own window, and so is
   * every post after it.
   */
  @Test
  public void aPostStampedAheadOfItsRecordDoesNotMakeThePostsAfterItLate() throws Exception {
    String topic = "ahead";
    String db = "db_ahead";
    Traffic.createTopic(stack.kafkaBootstrap(), topic, 1);
    List<String> args =
        jobArgs(topic, db, "--windowSize=10s", "--maxOutOfOrderness=2s", "--earlyFiringPeriod=1s");
    Instant t0 = Instant.now().minusSeconds(40).truncatedTo(ChronoUnit.SECONDS);
    List<Stamped> before = live("b-", 100, t0, 100, 61);
    long sentAt = System.currentTimeMillis();
    Post ahead = Post.of("ahead", Instant.ofEpochMilli(sentAt).plus(Duration.ofMinutes(30)), "Wow");
    List<Stamped> first = new ArrayList<>(before);
    first.add(Stamped.post(ahead, sentAt));
    PipelineResult job = JobArgs.start(args);
    try {
      send(topic, first, 0);
      InfluxDbClient influx = new InfluxDbClient(stack.influxUrl(), db);
      Expected.awaitPosts(influx, first.size(), Duration.ofMinutes(2));
      Thread.sleep(3_000); // the job's watermark has taken in the post ahead
      List<Stamped> after = live("a-", 100, Instant.now().minusSeconds(8), 50, 62);
      send(topic, after, 0);
      List<Post> posts = new ArrayList<>();
      for (List<Stamped> part : List.of(before, after)) {
        for (Stamped r : part) {
          posts.add(PostJson.parse(r.value()));
        }
      }
      posts.add(ahead);
      Expected.awaitWindows(influx, posts, Duration.ofSeconds(10), Duration.ofSeconds(90));
      Verified.await(args, Duration.ofMinutes(1));
    } finally {
      job.cancel();
    }
  }

  /**
   * Found by an adversarial run: a restart rewound by Kafka timestamp to one margin before the
   * recount point, so a post created in a recounted window but stamped earlier than that (a device
   * clock ahead by more than the margin) was not read again, and its window was recounted without
   * it. Now every window point keeps the earliest record time of its posts and the restart rewinds
   * that far. Scaled down: 10 s windows, no allowed lateness, a 5 s margin, posts 4 min ahead.
   */
  @Test
  public void aRestartReadsAgainThePostsOfARecountedWindowThatAreStampedAheadOfTheirRecords()
      throws Exception {
    String topic = "ahead-restart";
    String db = "db_ahead_restart";
    Traffic.createTopic(stack.kafkaBootstrap(), topic, 1);
    List<String> args =
        jobArgs(
            topic,
            db,
            "--windowSize=10s",
            "--maxOutOfOrderness=2s",
            "--allowedLateness=0s",
            "--earlyFiringPeriod=1s",
            "--restartRewindMargin=5s");
    Instant now = Instant.now();
    Instant t0 = now.minusSeconds(60).truncatedTo(ChronoUnit.SECONDS);
    // A window 3 min in the future, still open when the test ends; 20 posts created in it, their
    // records stamped 59 s ago.
    Instant ahead = Instant.ofEpochSecond((now.getEpochSecond() / 10 + 18) * 10);
    List<Stamped> first = new ArrayList<>();
    List<Post> aheadPosts = TestPosts.posts("ahead-", 20, ahead, 100, 71);
    for (int i = 0; i < aheadPosts.size(); i++) {
      first.add(Stamped.post(aheadPosts.get(i), t0.toEpochMilli() + 1_000 + i));
    }
    first.addAll(live("live-", 100, t0, 500, 72));
    first.sort(java.util.Comparator.comparingLong(Stamped::kafkaMillis));
    InfluxDbClient influx = new InfluxDbClient(stack.influxUrl(), db);
    List<Post> posts = new ArrayList<>();
    for (Stamped r : first) {
      posts.add(PostJson.parse(r.value()));
    }
    PipelineResult job = JobArgs.start(args);
    try {
      send(topic, first, 0);
      Expected.awaitWindows(influx, posts, Duration.ofSeconds(10), Duration.ofMinutes(2));
      Expected.awaitClosedWindow(influx, Duration.ofMinutes(1));
    } finally {
      job.cancel();
    }
    // The restart recounts the future window: ten more posts in it, sent now.
    PipelineResult second = JobArgs.start(args);
    try {
      List<Stamped> more = new ArrayList<>();
      long sentAt = System.currentTimeMillis();
      for (Post p : TestPosts.posts("more-", 10, ahead.plusSeconds(5), 100, 73)) {
        more.add(Stamped.post(p, sentAt));
        posts.add(p);
      }
      send(topic, more, 0);
      Expected.awaitWindows(influx, posts, Duration.ofSeconds(10), Duration.ofMinutes(1));
      Verified.await(args, Duration.ofMinutes(1));
    } finally {
      second.cancel();
    }
  }

  @Test
  public void anEmptyPartitionHoldsNoWindowOpen() throws Exception {
    // Four partitions, posts in three: every window must still close (its on-time pane). An idle
    // partition's watermark trails its last createdAt by --maxOutOfOrderness and then advances by
    // the time elapsed, so the last window closes that long after its end was read, plus the time
    // to its end: the posts start on a minute (the last ones come 0.2-0.6 s before a window's
    // end) and the job trails by 2 s, not the default 30 s (the wait was 25 s in CI with it; a
    // start mid-minute added up to a minute more).
    String topic = "empty";
    Traffic.createTopic(stack.kafkaBootstrap(), topic, 4);
    Instant start = Instant.now().minus(Duration.ofMinutes(6)).truncatedTo(ChronoUnit.MINUTES);
    List<Stamped> records = new ArrayList<>();
    List<Stamped> posts = live("e-", 600, start, 200, 51);
    for (int i = 0; i < posts.size(); i++) {
      records.add(posts.get(i).in(i % 3));
    }
    send(topic, records, 0);
    List<String> args =
        jobArgs(topic, "db_empty", "--partitionIdleness=3s", "--maxOutOfOrderness=2s");
    PipelineResult job = JobArgs.start(args);
    try {
      Verified.await(args, Duration.ofMinutes(3));
      InfluxDbClient influx = new InfluxDbClient(stack.influxUrl(), "db_empty");
      Expected.await(
          "every window closed",
          Duration.ofMinutes(2),
          () -> {
            try {
              return InfluxQuery.count(
                          influx, "SELECT count(total) FROM polarity_window WHERE closed = false")
                      == 0
                  && InfluxQuery.count(influx, "SELECT count(total) FROM polarity_window") > 0;
            } catch (Exception e) {
              return false;
            }
          });
      assertEquals(600, windowTotal("db_empty"));
    } finally {
      job.cancel();
    }
  }

  @Test
  public void aSecondStreamingJobWithTheSameGroupIsRefused() throws Exception {
    String topic = "twice";
    Traffic.createTopic(stack.kafkaBootstrap(), topic, 3);
    List<String> args = jobArgs(topic, "db_twice");
    PipelineResult job = JobArgs.start(args);
    try {
      IllegalStateException refused =
          org.junit.Assert.assertThrows(IllegalStateException.class, () -> JobArgs.start(args));
      assertTrue(refused.getMessage(), refused.getMessage().contains("--consumerGroup=" + topic));
    } finally {
      job.cancel();
    }
  }
}
