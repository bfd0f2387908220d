package io.courtside.pipeline.verify;

import io.courtside.model.Post;
import io.courtside.pipeline.config.JobConfig;
import io.courtside.pipeline.entity.Entity;
import io.courtside.pipeline.entity.EntityMatcher;
import io.courtside.pipeline.entity.TagEntities;
import io.courtside.pipeline.entity.Watchlist;
import io.courtside.pipeline.influx.InfluxSchema;
import io.courtside.pipeline.parse.DeadLetter;
import io.courtside.pipeline.parse.ParsePosts;
import io.courtside.pipeline.read.CreatedAtTimestamps;
import io.courtside.pipeline.score.Polarity;
import io.courtside.pipeline.score.ScoreSentiment;
import io.courtside.pipeline.score.ScoredPost;
import io.courtside.pipeline.window.PolarityCounts;
import io.courtside.sentiment.Vader;
import io.courtside.sentiment.VaderConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.beam.sdk.io.kafka.KafkaRecord;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.values.KV;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * What InfluxDB must hold, recounted from the topic's records with the job's own code: {@link
 * ParsePosts#parse} decides post or dead letter, {@link CreatedAtTimestamps#eventTime} the event
 * time, Beam's {@link FixedWindows} the window, {@link ScoreSentiment#score} the compound, {@link
 * TagEntities#entities} the entities, {@link DeadLetter#kind()} the dead-letter kind. Per window
 * each distinct post id counts once, with its latest version (greatest Kafka timestamp, then
 * offset); each record is SURE or MAYBE by the {@link LatenessRule}. Pure: no I/O.
 *
 * <p>Feed every record of the topic with {@link #add}, each partition in offset order (partitions
 * may interleave), then take the {@link #result}.
 */
public final class Recount {
  /** What the recount depends on: the job's counting flags, and the range of windows compared. */
  public record Settings(
      Duration windowSize,
      LatenessRule lateness,
      int maxRecordBytes,
      VaderConfig vader,
      Watchlist watchlist,
      java.time.Instant from,
      java.time.Instant to) {

    /** The settings of the job's configuration (its flags, read by the job's own code). */
    public static Settings of(JobConfig c, java.time.Instant from, java.time.Instant to) {
      return new Settings(
          c.windows().size(),
          new LatenessRule(
              c.windows().allowedLateness(),
              c.kafka().maxOutOfOrderness(),
              c.kafka().partitionIdleness()),
          c.maxRecordBytes(),
          c.scoring(),
          c.watchlist(),
          from,
          to);
    }

    boolean inRange(long windowStart) {
      return (from == null || windowStart >= from.toEpochMilli())
          && (to == null || windowStart < to.toEpochMilli());
    }
  }

  /** The expected points, and the posts that must each have a {@code post_sentiment} point. */
  public record Result(
      Map<WindowKey, ExpectedWindow> windows,
      Set<String> postIds,
      NavigableSet<Long> postSeconds,
      long records,
      long validRecords,
      long deadLetters) {}

  /**
   * The latest version of one post id in one window (of one entity), and whether any of its records
   * was SURE/MAYBE.
   */
  private static final class Version {
    boolean seen;
    long timestamp;
    long offset;
    double compound;
    boolean anySure;
    boolean anyMaybe;

    void add(long ts, long off, double score, boolean sure) {
      if (!seen || timestamp < ts || (timestamp == ts && offset < off)) {
        seen = true;
        timestamp = ts;
        offset = off;
        compound = score;
      }
      anySure |= sure;
      anyMaybe |= !sure;
    }
  }

  private final Settings settings;
  private final FixedWindows windows;
  private final Vader vader;
  private final EntityMatcher matcher;
  private final Map<String, LatenessRule.Partition> partitions = new HashMap<>();
  private final Map<String, Map<Long, Map<String, Version>>> posts = new TreeMap<>();

  /** Per topic, window start and entity: the versions of the posts that mention it. */
  private final Map<String, Map<Long, Map<Entity, Map<String, Version>>>> mentions =
      new TreeMap<>();

  private final Map<WindowKey, long[]> letters = new TreeMap<>(); // {total, sure}
  private final Set<String> postIds = new HashSet<>();
  private final NavigableSet<Long> postSeconds = new TreeSet<>();
  private long records;
  private long validRecords;
  private long deadLetters;

  public Recount(Settings settings) {
    this.settings = settings;
    this.windows = FixedWindows.of(settings.windowSize());
    this.vader = settings.vader().toVader();
    this.matcher = EntityMatcher.of(settings.watchlist());
  }

  /** The whole recount of {@code records}, in any order. */
  public static Result of(Settings settings, List<KafkaRecord<byte[], byte[]>> records) {
    List<KafkaRecord<byte[], byte[]>> sorted = new ArrayList<>(records);
    sorted.sort(
        Comparator.comparing((KafkaRecord<byte[], byte[]> r) -> r.getTopic())
            .thenComparingInt(KafkaRecord::getPartition)
            .thenComparingLong(KafkaRecord::getOffset));
    Recount recount = new Recount(settings);
    sorted.forEach(recount::add);
    return recount.result();
  }

  /** Counts one record; the records of a partition must come in offset order. */
  public void add(KafkaRecord<byte[], byte[]> record) {
    records++;
    KV<Post, DeadLetter> parsed = ParsePosts.parse(record, settings.maxRecordBytes());
    Instant eventTime = CreatedAtTimestamps.eventTime(record, parsed);
    IntervalWindow window = windows.assignWindow(eventTime);
    Long createdAt = parsed.getKey() == null ? null : eventTime.getMillis();
    boolean sure =
        partitions
            .computeIfAbsent(
                record.getTopic() + "/" + record.getPartition(),
                p -> settings.lateness().partition())
            .next(
                record.getOffset(),
                record.getTimestamp(),
                createdAt,
                window.maxTimestamp().getMillis());
    long start = window.start().getMillis();
    if (parsed.getKey() == null) {
      deadLetters++;
      if (settings.inRange(start)) {
        WindowKey key =
            WindowKey.of(
                InfluxSchema.DEAD_LETTERS,
                start,
                "reason_kind",
                parsed.getValue().kind().tag(),
                "topic",
                record.getTopic());
        long[] counts = letters.computeIfAbsent(key, k -> new long[2]);
        counts[0]++;
        counts[1] += sure ? 1 : 0;
      }
      return;
    }
    validRecords++;
    if (!settings.inRange(start)) {
      return;
    }
    Post post = parsed.getKey();
    postIds.add(post.id());
    postSeconds.add(Math.floorDiv(post.createdAt().toEpochMilli(), 1000L));
    ScoredPost scored = ScoreSentiment.score(vader, post, 0);
    posts
        .computeIfAbsent(record.getTopic(), t -> new TreeMap<>())
        .computeIfAbsent(start, w -> new HashMap<>())
        .computeIfAbsent(post.id(), id -> new Version())
        .add(record.getTimestamp(), record.getOffset(), scored.compound(), sure);
    // As the job: an entity counts the latest of the versions that mention it (an edit that
    // drops an entity does not take the post out of that entity's window).
    for (Entity e : TagEntities.entities(matcher, post)) {
      mentions
          .computeIfAbsent(record.getTopic(), t -> new TreeMap<>())
          .computeIfAbsent(start, w -> new HashMap<>())
          .computeIfAbsent(e, x -> new HashMap<>())
          .computeIfAbsent(post.id(), id -> new Version())
          .add(record.getTimestamp(), record.getOffset(), scored.compound(), sure);
    }
  }

  public Result result() {
    Map<WindowKey, ExpectedWindow> out = new TreeMap<>();
    posts.forEach(
        (topic, byStart) ->
            byStart.forEach(
                (start, ids) -> {
                  WindowKey key = WindowKey.of(InfluxSchema.POLARITY_WINDOW, start, "topic", topic);
                  out.put(key, expected(key, ids.values()));
                }));
    mentions.forEach(
        (topic, byStart) ->
            byStart.forEach(
                (start, byEntity) ->
                    byEntity.forEach(
                        (e, ids) -> {
                          WindowKey key =
                              WindowKey.of(
                                  InfluxSchema.ENTITY_WINDOW,
                                  start,
                                  "entity",
                                  e.name(),
                                  "kind",
                                  e.kind().tag(),
                                  "topic",
                                  topic);
                          out.put(key, expected(key, ids.values()));
                        })));
    letters.forEach(
        (key, c) -> out.put(key, new ExpectedWindow(key, null, c[0], c[1], c[0] != c[1])));
    return new Result(out, postIds, postSeconds, records, validRecords, deadLetters);
  }

  private static ExpectedWindow expected(WindowKey key, Iterable<Version> versions) {
    ExpectedWindow w = new ExpectedWindow(key, PolarityCounts.EMPTY, 0, 0, false);
    for (Version v : versions) {
      w = plus(w, v);
    }
    return w;
  }

  private static ExpectedWindow plus(ExpectedWindow w, Version v) {
    return new ExpectedWindow(
        w.key(),
        w.counts().plus(PolarityCounts.of(Polarity.of(v.compound), v.compound)),
        w.total() + 1,
        w.sure() + (v.anySure ? 1 : 0),
        w.uncertain() || v.anyMaybe);
  }
}
