package io.courtside.pipeline.read;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.courtside.model.Post;
import io.courtside.model.PostJson;
import io.courtside.pipeline.Records;
import io.courtside.pipeline.parse.ParsePosts;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.beam.sdk.io.kafka.KafkaRecord;
import org.apache.beam.sdk.io.kafka.TimestampPolicy.PartitionContext;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Test;

public class EventTimeWatermarkTest {
  private static final Duration D = Duration.standardSeconds(30);
  private static final Duration IDLE = Duration.standardSeconds(10);
  private static final int MAX_BYTES = ParsePosts.DEFAULT_MAX_RECORD_BYTES;

  /** A past evening: an archive replayed today. */
  private static final long HISTORY =
      java.time.Instant.parse("2025-06-01T02:00:00Z").toEpochMilli();

  private final AtomicLong now =
      new AtomicLong(java.time.Instant.parse("2026-11-29T12:00:00Z").toEpochMilli());
  private final String job = UUID.randomUUID().toString();

  private EventTimeWatermark partition(int p) {
    return new EventTimeWatermark(job, p, MAX_BYTES, D, IDLE, Optional.empty(), now::get);
  }

  private static PartitionContext backlog(long records) {
    return new PartitionContext() {
      @Override
      public long getMessageBacklog() {
        return records;
      }

      @Override
      public Instant getBacklogCheckTime() {
        return Instant.now();
      }
    };
  }

  /** A post created at {@code createdAt}, produced now (its Kafka timestamp). */
  private KafkaRecord<byte[], byte[]> post(long createdAt, long offset) {
    Post p = Post.of("p" + offset, java.time.Instant.ofEpochMilli(createdAt), "text");
    KafkaRecord<byte[], byte[]> r = Records.of(p, offset);
    return Records.raw("p" + offset, r.getKV().getValue(), offset, now.get());
  }

  @Test
  public void aCaughtUpPartitionReplayingHistoryKeepsItsEventTimeAndNeverJumpsToTheWallClock() {
    EventTimeWatermark w = partition(0);
    long max = Long.MIN_VALUE;
    Random random = new Random(7);
    for (int i = 0; i < 1000; i++) {
      long createdAt =
          HISTORY + i * 3_000L + random.nextInt(20_000) - 10_000; // out of order by 10 s
      assertEquals(createdAt, w.getTimestampForRecord(backlog(0), post(createdAt, i)).getMillis());
      max = Math.max(max, createdAt);
      now.addAndGet(30); // 100x faster than the posts were made
      assertEquals(max - D.getMillis(), w.getWatermark(backlog(0)).getMillis());
    }
  }

  @Test
  public void aRecordWithoutABelievableCreatedAtKeepsItsKafkaTimeAndDoesNotMoveTheWatermark() {
    EventTimeWatermark w = partition(0);
    w.getTimestampForRecord(backlog(0), post(HISTORY, 0));
    Instant before = w.getWatermark(backlog(1));
    KafkaRecord<byte[], byte[]> junk =
        Records.raw(null, "not json".getBytes(StandardCharsets.UTF_8), 1, now.get());
    assertEquals(now.get(), w.getTimestampForRecord(backlog(1), junk).getMillis());
    assertEquals(before, w.getWatermark(backlog(1)));
    assertEquals(HISTORY - D.getMillis(), before.getMillis());
  }

  @Test
  public void aRecordStampedInTheFutureOfTheClockDoesNotMoveTheWatermark() {
    EventTimeWatermark w = partition(0);
    w.getTimestampForRecord(backlog(0), post(HISTORY, 0));
    Instant before = w.getWatermark(backlog(1));
    // createdAt and Kafka CreateTime both two hours ahead of the reader's clock: the skew rule
    // against the record's own timestamp cannot see it, the clock can.
    long ahead = now.get() + 2 * 3_600_000L;
    Post p = Post.of("future", java.time.Instant.ofEpochMilli(ahead), "text");
    KafkaRecord<byte[], byte[]> future = Records.raw("future", PostJson.toBytes(p), 1, ahead);
    assertEquals(ahead, w.getTimestampForRecord(backlog(1), future).getMillis());
    assertEquals(before, w.getWatermark(backlog(1)));
  }

  /**
   * A live post stamped 20 minutes ahead of its record (a device clock running fast) keeps its own
   * createdAt, and moves the clock only to its record's Kafka timestamp: the ordinary posts after
   * it are not late. Before, it took the watermark 20 minutes ahead and every later post of the
   * partition was dropped from the windows.
   */
  @Test
  public void aPostAheadOfItsRecordMovesTheClockNoFurtherThanTheRecordsTimestamp() {
    EventTimeWatermark w = partition(0);
    long live = now.get();
    w.getTimestampForRecord(backlog(0), post(live - 2_000, 0));
    long ahead = live + 20 * 60_000L;
    assertEquals(ahead, w.getTimestampForRecord(backlog(0), post(ahead, 1)).getMillis());
    assertEquals(live - D.getMillis(), w.getWatermark(backlog(0)).getMillis());
    now.addAndGet(1_000);
    w.getTimestampForRecord(backlog(0), post(now.get() - 500, 2));
    assertEquals(now.get() - 500 - D.getMillis(), w.getWatermark(backlog(0)).getMillis());
    assertEquals(live + 500, EventTimeWatermark.clockTime(live + 500, -1));
  }

  @Test
  public void anIdlePartitionAdvancesFromItsOwnClockByTheTimeElapsedOnlyWhenCaughtUp() {
    EventTimeWatermark w = partition(0);
    w.getTimestampForRecord(backlog(0), post(HISTORY, 0));
    now.addAndGet(IDLE.getMillis() - 1);
    assertEquals("not idle yet", HISTORY - D.getMillis(), w.getWatermark(backlog(0)).getMillis());
    assertEquals(
        "records waiting: not idle",
        HISTORY - D.getMillis(),
        w.getWatermark(backlog(5)).getMillis());
    now.addAndGet(1);
    assertEquals(
        HISTORY - D.getMillis() + IDLE.getMillis(), w.getWatermark(backlog(0)).getMillis());
    now.addAndGet(60_000);
    long idle = HISTORY - D.getMillis() + IDLE.getMillis() + 60_000;
    assertEquals(idle, w.getWatermark(backlog(0)).getMillis());
    // A record ends the idle spell; the watermark never moves back.
    w.getTimestampForRecord(backlog(0), post(HISTORY + 1000, 1));
    assertEquals(idle, w.getWatermark(backlog(0)).getMillis());
  }

  @Test
  public void anEmptyPartitionFollowsTheLowestOtherPartitionAndHoldsNothingBack() {
    EventTimeWatermark empty = partition(2);
    assertEquals(
        "alone, nothing to follow",
        BoundedWindow.TIMESTAMP_MIN_VALUE,
        empty.getWatermark(backlog(0)));
    EventTimeWatermark a = partition(0);
    EventTimeWatermark b = partition(1);
    a.getTimestampForRecord(backlog(0), post(HISTORY + 50_000, 0));
    b.getTimestampForRecord(backlog(0), post(HISTORY + 90_000, 0));
    now.addAndGet(IDLE.getMillis()); // the stream began long enough ago: empty means empty
    a.getWatermark(backlog(1)); // records waiting: no idle advance
    b.getWatermark(backlog(1));
    assertEquals(HISTORY + 50_000 - D.getMillis(), empty.getWatermark(backlog(0)).getMillis());
    assertEquals(
        "another empty partition follows too",
        HISTORY + 50_000 - D.getMillis(),
        partition(3).getWatermark(backlog(0)).getMillis());
    assertEquals(
        "not caught up: it holds",
        BoundedWindow.TIMESTAMP_MIN_VALUE,
        partition(4).getWatermark(backlog(10)));
    // Another job in the same JVM is never followed.
    EventTimeWatermark otherJob =
        new EventTimeWatermark(
            UUID.randomUUID().toString(), 5, MAX_BYTES, D, IDLE, Optional.empty(), now::get);
    assertEquals(BoundedWindow.TIMESTAMP_MIN_VALUE, otherJob.getWatermark(backlog(0)));
  }

  @Test
  public void anEmptyPartitionHoldsTheOthersForIdlenessAfterTheStreamBegins() {
    // A job waits on an empty topic; then an archive arrives on every partition at once, but the
    // reader of partition 1 looks again only later (Spark runs its readers one after another).
    EventTimeWatermark first = partition(0);
    EventTimeWatermark late = partition(1);
    assertEquals(BoundedWindow.TIMESTAMP_MIN_VALUE, first.getWatermark(backlog(0)));
    assertEquals(BoundedWindow.TIMESTAMP_MIN_VALUE, late.getWatermark(backlog(0)));
    now.addAndGet(60_000); // waiting on an empty topic
    for (int i = 0; i < 100; i++) {
      first.getTimestampForRecord(backlog(0), post(HISTORY + i * 60_000L, i));
    }
    now.addAndGet(IDLE.getMillis() - 1);
    assertEquals(
        "partition 1 may be about to read the stream's start",
        BoundedWindow.TIMESTAMP_MIN_VALUE,
        first.getWatermark(backlog(0)));
    late.getTimestampForRecord(backlog(0), post(HISTORY, 0));
    assertEquals(HISTORY - D.getMillis(), late.getWatermark(backlog(0)).getMillis());
    assertEquals(
        "then the slower partition caps it",
        HISTORY - D.getMillis(),
        first.getWatermark(backlog(0)).getMillis());

    // A partition that stays empty holds the others for idleness only.
    EventTimeWatermark a =
        new EventTimeWatermark("other-" + job, 0, MAX_BYTES, D, IDLE, Optional.empty(), now::get);
    EventTimeWatermark empty =
        new EventTimeWatermark("other-" + job, 1, MAX_BYTES, D, IDLE, Optional.empty(), now::get);
    empty.getWatermark(backlog(0));
    a.getTimestampForRecord(backlog(0), post(HISTORY + 90_000, 0));
    assertEquals(BoundedWindow.TIMESTAMP_MIN_VALUE, a.getWatermark(backlog(1)));
    now.addAndGet(IDLE.getMillis());
    assertEquals(HISTORY + 90_000 - D.getMillis(), a.getWatermark(backlog(1)).getMillis());
  }

  @Test
  public void aReaderRecreatedFromACheckpointResumesAtItsWatermarkAndOnlyMovesForward() {
    Instant previous = new Instant(HISTORY);
    EventTimeWatermark w =
        new EventTimeWatermark(job, 0, MAX_BYTES, D, IDLE, Optional.of(previous), now::get);
    assertEquals(previous, w.getWatermark(backlog(3)));
    w.getTimestampForRecord(backlog(3), post(HISTORY - 60_000, 0)); // older than the watermark
    assertEquals(previous, w.getWatermark(backlog(3)));
    w.getTimestampForRecord(backlog(3), post(HISTORY + 60_000, 1));
    assertTrue(w.getWatermark(backlog(3)).isAfter(previous));
  }

  @Test
  public void noPartitionReportsMoreThanTheLowestOtherPartitionOfTheJob() {
    // The Spark runner takes the highest watermark of its readers: a reader racing through a
    // backlog must not carry the job past a slower one, nor past one that has not read yet.
    EventTimeWatermark fast = partition(0);
    EventTimeWatermark slow = partition(1);
    EventTimeWatermark notYet = partition(2);
    for (int i = 0; i < 100; i++) {
      fast.getTimestampForRecord(backlog(1000), post(HISTORY + i * 60_000L, i));
    }
    slow.getTimestampForRecord(backlog(1000), post(HISTORY, 0));
    slow.getWatermark(backlog(1000));
    assertEquals(
        "one partition has not reported yet",
        BoundedWindow.TIMESTAMP_MIN_VALUE,
        fast.getWatermark(backlog(1000)));
    notYet.getTimestampForRecord(backlog(10), post(HISTORY + 30_000, 0));
    notYet.getWatermark(backlog(10));
    assertEquals(HISTORY - D.getMillis(), fast.getWatermark(backlog(1000)).getMillis());
    for (int i = 1; i < 50; i++) {
      slow.getTimestampForRecord(backlog(1000), post(HISTORY + i * 60_000L, i));
    }
    slow.getWatermark(backlog(1000));
    assertEquals(
        "now the partition that read the least",
        HISTORY + 30_000 - D.getMillis(),
        fast.getWatermark(backlog(1000)).getMillis());
    assertEquals(HISTORY + 30_000 - D.getMillis(), slow.getWatermark(backlog(1000)).getMillis());
  }

  /** A line the job dead-letters although its createdAt is readable and believable. */
  private KafkaRecord<byte[], byte[]> junkCarrying(long createdAt, long offset, boolean noId) {
    String time = java.time.Instant.ofEpochMilli(createdAt).toString();
    String json =
        noId
            ? "{\"createdAt\":\"" + time + "\",\"text\":\"no id\"}"
            : "{\"id\":42,\"createdAt\":\"" + time + "\",\"text\":\"id is a number\"}";
    return Records.raw(null, json.getBytes(StandardCharsets.UTF_8), offset, now.get());
  }

  @Test
  public void aDeadLetterCarryingABelievableCreatedAtKeepsItsKafkaTimeAndDoesNotMoveTheClock() {
    EventTimeWatermark w = partition(0);
    w.getTimestampForRecord(backlog(0), post(HISTORY, 0));
    Instant before = w.getWatermark(backlog(1));
    long months = HISTORY + 170L * 24 * 3_600_000L; // still in the past: believable
    for (KafkaRecord<byte[], byte[]> junk :
        List.of(junkCarrying(months, 1, true), junkCarrying(months, 2, false))) {
      assertEquals(now.get(), w.getTimestampForRecord(backlog(1), junk).getMillis());
      assertEquals(before, w.getWatermark(backlog(1)));
    }
    // A post too large for --maxRecordBytes is a dead letter too, whatever its createdAt.
    EventTimeWatermark small =
        new EventTimeWatermark(job, 1, 64, D, IDLE, Optional.empty(), now::get);
    small.getTimestampForRecord(backlog(0), post(HISTORY, 0));
    Post big = Post.of("big", java.time.Instant.ofEpochMilli(months), "x".repeat(200));
    KafkaRecord<byte[], byte[]> tooLarge = Records.raw("big", PostJson.toBytes(big), 1, now.get());
    assertEquals(now.get(), small.getTimestampForRecord(backlog(1), tooLarge).getMillis());
    assertEquals(HISTORY - D.getMillis(), small.getWatermark(backlog(1)).getMillis());
  }

  /**
   * The Flink replay bug, as a property over random streams: three partitions of an archive read at
   * different speeds, with junk lines carrying createdAts anywhere up to now among the posts. No
   * post may be read behind a watermark any partition of the job has reported (each partition's
   * posts are out of order by less than D). A junk line that moved its partition's clock would let
   * the others' watermarks pass the posts that partition has still to read.
   */
  @Test
  public void noPostIsReadBehindAWatermarkAnyPartitionReportedWhateverJunkItsPartitionCarries() {
    for (int seed = 0; seed < 300; seed++) {
      Random random = new Random(seed);
      String run = job + "-" + seed;
      List<EventTimeWatermark> partitions = new ArrayList<>();
      List<List<KafkaRecord<byte[], byte[]>>> streams = new ArrayList<>();
      for (int p = 0; p < 3; p++) {
        partitions.add(
            new EventTimeWatermark(run, p, MAX_BYTES, D, IDLE, Optional.empty(), now::get));
        List<KafkaRecord<byte[], byte[]>> stream = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
          long offset = stream.size();
          if (random.nextInt(10) == 0) {
            long anyTime = HISTORY + (long) (random.nextDouble() * (now.get() - HISTORY));
            stream.add(junkCarrying(anyTime, offset, random.nextBoolean()));
          }
          long createdAt = HISTORY + i * 2_000L + random.nextInt((int) D.getMillis() / 2);
          stream.add(post(createdAt, stream.size()));
        }
        streams.add(stream);
      }
      int[] next = new int[3];
      long highest = Long.MIN_VALUE;
      for (int step = 0; step < 3 * 220; step++) {
        int p = random.nextInt(3);
        // Partition 0 reads in bursts (a reader racing through its backlog); the others one by one.
        int burst = p == 0 ? 1 + random.nextInt(20) : 1;
        for (int b = 0; b < burst && next[p] < streams.get(p).size(); b++) {
          KafkaRecord<byte[], byte[]> r = streams.get(p).get(next[p]++);
          long t = partitions.get(p).getTimestampForRecord(backlog(100), r).getMillis();
          boolean isPost = r.getKV().getKey() != null;
          assertTrue(
              "seed "
                  + seed
                  + ": a post of partition "
                  + p
                  + " at "
                  + new Instant(t)
                  + " read behind the watermark "
                  + new Instant(highest),
              !isPost || t >= highest);
        }
        now.addAndGet(5);
        highest = Math.max(highest, partitions.get(p).getWatermark(backlog(100)).getMillis());
      }
    }
  }
}
