package io.courtside.pipeline.verify;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.courtside.model.Post;
import io.courtside.model.PostJson;
import io.courtside.pipeline.Records;
import io.courtside.pipeline.entity.Watchlist;
import io.courtside.sentiment.VaderConfig;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.io.kafka.KafkaRecord;
import org.joda.time.Duration;
import org.junit.Test;

public class RecountTest {
  static final long T = Instant.parse("2026-05-20T01:00:00Z").toEpochMilli();
  static final String LOVE = "Lakers are amazing, I love this team!";
  static final String HATE = "Lakers are terrible, I hate this.";
  static final String JUNK = "{not json at all";

  /** 1-minute windows, L = 1 min, D = 10 s, I = 10 s, every window compared. */
  static Recount.Settings settings() {
    return new Recount.Settings(
        Duration.standardMinutes(1),
        new LatenessRule(
            Duration.standardMinutes(1),
            Duration.standardSeconds(10),
            Duration.standardSeconds(10)),
        1_048_576,
        VaderConfig.defaults(),
        Watchlist.nba(),
        null,
        null);
  }

  static KafkaRecord<byte[], byte[]> post(
      int partition, long offset, long ts, String id, long createdAt, String text) {
    Post p = Post.of(id, Instant.ofEpochMilli(createdAt), text);
    return Records.raw(partition, id, PostJson.toBytes(p), offset, ts);
  }

  static KafkaRecord<byte[], byte[]> junk(int partition, long offset, long ts) {
    return Records.raw(partition, null, JUNK.getBytes(StandardCharsets.UTF_8), offset, ts);
  }

  private static ExpectedWindow polarity(Recount.Result r, long start) {
    return r.windows().get(WindowKey.of("polarity_window", start, "topic", "twitterdata"));
  }

  @Test
  public void aPostDeliveredTwiceCountsOnce() {
    Recount.Result r =
        Recount.of(
            settings(),
            List.of(post(0, 0, T + 1_000, "a", T, LOVE), post(0, 1, T + 2_000, "a", T, LOVE)));
    assertEquals(1, polarity(r, T).total());
    assertEquals(Set.of("a"), r.postIds());
    assertEquals(2, r.validRecords());
  }

  @Test
  public void anEditCountsWithItsLatestVersionWhateverTheOffsetOrder() {
    // Latest = greatest Kafka timestamp, then offset: the hateful edit, at either offset.
    for (boolean editFirst : new boolean[] {false, true}) {
      KafkaRecord<byte[], byte[]> original = post(0, editFirst ? 1 : 0, T + 1_000, "e", T, LOVE);
      KafkaRecord<byte[], byte[]> edit = post(0, editFirst ? 0 : 1, T + 5_000, "e", T + 500, HATE);
      ExpectedWindow w = polarity(Recount.of(settings(), List.of(original, edit)), T);
      assertEquals(1, w.total());
      assertEquals("edit first: " + editFirst, 1, w.counts().negative());
      assertEquals(0, w.counts().positive());
      assertTrue(w.counts().compoundSum() < 0);
    }
  }

  @Test
  public void postsOfTheSameSecondAreDifferentPosts() {
    Recount.Result r =
        Recount.of(
            settings(),
            List.of(
                post(0, 0, T + 1_000, "x", T + 10_000, LOVE),
                post(0, 1, T + 1_000, "y", T + 10_000, LOVE)));
    assertEquals(2, polarity(r, T).counts().positive());
    assertEquals(Set.of(T / 1000 + 10), r.postSeconds());
  }

  @Test
  public void theSameBadBytesAtTwoOffsetsAreTwoDeadLettersInTheWindowOfTheirKafkaTimestamp() {
    Recount.Result r =
        Recount.of(settings(), List.of(junk(0, 0, T + 61_000), junk(0, 1, T + 62_000)));
    ExpectedWindow w =
        r.windows()
            .get(
                WindowKey.of(
                    "dead_letters",
                    T + 60_000,
                    "reason_kind",
                    "invalid_json",
                    "topic",
                    "twitterdata"));
    assertEquals(2, w.total());
    assertNull(w.counts());
    assertEquals(2, r.deadLetters());
    assertTrue(r.postIds().isEmpty());
  }

  @Test
  public void aJunkLineWithoutCreatedAtDoesNotMoveTheClock() {
    Recount.Result r =
        Recount.of(
            settings(),
            List.of(
                // a reached Kafka 20 minutes after its createdAt, then came the others: no idle
                // gap, so only a clock moved by the junk line's Kafka time could make b late.
                post(0, 0, T + 20 * 60_000L, "a", T, LOVE),
                junk(0, 1, T + 20 * 60_000L + 1_000),
                post(0, 2, T + 20 * 60_000L + 2_000, "b", T + 10_000, LOVE)));
    ExpectedWindow w = polarity(r, T);
    assertEquals(2, w.total());
    assertEquals("b is sure: the clock is still a's createdAt", 1, w.sure());
  }

  @Test
  public void aDeadLetterCarryingACreatedAtDoesNotMoveTheClockAndCountsAtItsKafkaTime() {
    // No id, but a readable, believable createdAt 20 minutes ahead: still a dead letter.
    String noId =
        "{\"createdAt\":\"" + Instant.ofEpochMilli(T + 20 * 60_000L) + "\",\"text\":\"x\"}";
    Recount.Result r =
        Recount.of(
            settings(),
            List.of(
                post(0, 0, T, "a", T, LOVE),
                Records.raw(0, null, noId.getBytes(StandardCharsets.UTF_8), 1, T + 1_000),
                post(0, 2, T + 2_000, "b", T + 10_000, LOVE)));
    ExpectedWindow w = polarity(r, T);
    assertEquals(2, w.total());
    assertEquals("b is sure: the dead letter did not move the clock", 1, w.sure());
    ExpectedWindow dead =
        r.windows()
            .get(
                WindowKey.of(
                    "dead_letters", T, "reason_kind", "missing_field", "topic", "twitterdata"));
    assertNotNull("the dead letter counts in the window of its Kafka time", dead);
    assertEquals(1, dead.total());
  }

  @Test
  public void aPostFarBehindThePartitionsClockIsMaybeAndTheWindowGetsABand() {
    Recount.Result r =
        Recount.of(
            settings(),
            List.of(
                post(0, 0, T + 600_000, "ahead", T + 600_000, LOVE),
                post(0, 1, T + 601_000, "late", T + 5_000, HATE),
                post(0, 2, T + 602_000, "next", T + 600_500, HATE)));
    ExpectedWindow late = polarity(r, T);
    assertEquals(1, late.total());
    assertEquals(0, late.sure());
    assertTrue(late.uncertain());
    ExpectedWindow ahead = polarity(r, T + 600_000);
    assertEquals(2, ahead.total());
    assertEquals("the first record of a partition is MAYBE", 1, ahead.sure());
    assertTrue(ahead.uncertain());
  }

  @Test
  public void anIdleGapMakesTheNextPostMaybe() {
    Recount.Result busy =
        Recount.of(
            settings(),
            List.of(post(0, 0, T, "a", T, LOVE), post(0, 1, T + 1_000, "b", T + 30_000, LOVE)));
    Recount.Result idle =
        Recount.of(
            settings(),
            List.of(post(0, 0, T, "a", T, LOVE), post(0, 1, T + 180_000, "b", T + 30_000, LOVE)));
    assertEquals("a is first (MAYBE), b is SURE", 1, polarity(busy, T).sure());
    assertEquals("b came after 3 idle minutes", 0, polarity(idle, T).sure());
    assertEquals(2, polarity(idle, T).total());
  }

  @Test
  public void entityWindowsCountThePostsNamingTheEntity() {
    Recount.Result r =
        Recount.of(
            settings(),
            List.of(post(0, 0, T, "a", T, LOVE), post(0, 1, T + 1, "b", T, "Nothing to see here")));
    ExpectedWindow lakers =
        r.windows()
            .get(
                WindowKey.of(
                    "entity_window",
                    T,
                    "entity",
                    "Lakers",
                    "kind",
                    "team",
                    "topic",
                    "twitterdata"));
    assertEquals(1, lakers.total());
    assertEquals(2, polarity(r, T).total());
  }

  @Test
  public void windowsOutsideFromAndToAreNotCompared() {
    Recount.Settings all = settings();
    Recount.Settings some =
        new Recount.Settings(
            all.windowSize(),
            all.lateness(),
            all.maxRecordBytes(),
            all.vader(),
            all.watchlist(),
            Instant.ofEpochMilli(T + 60_000),
            Instant.ofEpochMilli(T + 120_000));
    Recount.Result r =
        Recount.of(
            some,
            List.of(
                post(0, 0, T, "a", T, LOVE),
                post(0, 1, T + 61_000, "b", T + 61_000, LOVE),
                post(0, 2, T + 121_000, "c", T + 121_000, LOVE)));
    assertEquals(Set.of("b"), r.postIds());
    assertNull(polarity(r, T));
    assertEquals(1, polarity(r, T + 60_000).total());
    assertNull(polarity(r, T + 120_000));
  }
}
