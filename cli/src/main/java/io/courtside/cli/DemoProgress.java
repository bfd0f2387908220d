package io.courtside.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.courtside.ingest.KafkaSettings;
import io.courtside.ingest.PostProducer;
import io.courtside.pipeline.config.JobConfig;
import io.courtside.pipeline.influx.InfluxDbClient;
import io.courtside.pipeline.influx.InfluxDbIO;
import io.courtside.pipeline.options.CourtsideOptions;
import io.courtside.pipeline.score.Polarity;
import io.courtside.pipeline.verify.Verify;
import io.courtside.pipeline.verify.VerifyException;
import io.courtside.pipeline.verify.VerifyReport;
import io.courtside.services.stack.LocalStack;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The demo's progress line and closing summary: from the producer, Beam metrics, Kafka and
 * InfluxDB, and at the end {@code courtside verify}'s recount of this run's windows.
 */
final class DemoProgress {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final LocalStack stack;
  private final CourtsideOptions options;
  private final PipelineResult pipeline;
  private final PostProducer producer;
  private final Instant started;
  private final Instant producing;
  private final InfluxDbClient influx;
  private final List<String> countingFlags;
  private final JobConfig counting;

  /** This run's windows: from the one holding the demo's start. */
  private final Instant firstWindow;

  private String verdict = "not run";
  private boolean verified;

  /**
   * @param countingFlags the job's flags that decide the counts, as {@code courtside verify} takes
   *     them
   */
  DemoProgress(
      LocalStack stack,
      CourtsideOptions options,
      List<String> countingFlags,
      PipelineResult pipeline,
      PostProducer producer,
      Instant started) {
    this.stack = stack;
    this.options = options;
    this.countingFlags = List.copyOf(countingFlags);
    this.counting = Verify.parse(countingFlags.toArray(new String[0]));
    this.pipeline = pipeline;
    this.producer = producer;
    this.started = started;
    this.producing = Instant.now();
    this.influx = new InfluxDbClient(options.getInfluxUrl(), options.getInfluxDatabase());
    long size = counting.windows().size().getMillis();
    this.firstWindow = Instant.ofEpochMilli(Math.floorDiv(started.toEpochMilli(), size) * size);
  }

  void print() {
    long seconds = Math.max(1, Duration.between(producing, Instant.now()).toSeconds());
    Map<String, Long> byPolarity = postsByPolarity();
    long total = total(byPolarity);
    DemoCommand.say(
        "%3d s | produced %d (%d/s) | stored %d posts, %d window points written | %s | consumer"
            + " lag %s",
        seconds,
        producer.acknowledged(),
        producer.acknowledged() / seconds,
        // Read back, not the sink's counter: a second demo first writes the posts of its rewind
        // (the last run's, again), which the counter counts too.
        total,
        written("WriteWindowPoints"),
        shares(byPolarity, total),
        lag());
  }

  /**
   * Waits until every produced post is written, then until {@code courtside verify}'s recount of
   * this run's windows matches InfluxDB: every window of every kind (polarity, entities, dead
   * letters), not only the totals, has its latest pane written. The next early pane is at most
   * {@code --earlyFiringPeriod} away.
   */
  void awaitDrained(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline && postsStored() < producer.acknowledged()) {
      TimeUnit.MILLISECONDS.sleep(500);
    }
    do {
      verify();
      if (verified) {
        return;
      }
      TimeUnit.MILLISECONDS.sleep(1000);
    } while (System.nanoTime() < deadline);
  }

  /** Whether the last recount matched InfluxDB. */
  boolean verified() {
    return verified;
  }

  private void verify() {
    try {
      VerifyReport report = Verify.run(counting, firstWindow, null, (read, total) -> {});
      verified = !report.hasDifferences();
      verdict = report.verdict();
    } catch (VerifyException | RuntimeException e) {
      verified = false;
      verdict = "could not run: " + e.getMessage();
    }
  }

  /** {@code courtside verify} with the flags of this run, for the user to run again. */
  String verifyCommand() {
    return "./courtside verify " + String.join(" ", countingFlags) + " --from=" + firstWindow;
  }

  /**
   * Posts in InfluxDB created since a minute before the demo started: this run's, not a rewind's.
   */
  private long postsStored() {
    return total(postsByPolarity());
  }

  private static long total(Map<String, Long> byPolarity) {
    return byPolarity.values().stream().mapToLong(Long::longValue).sum();
  }

  void printSummary() {
    Map<String, Long> byPolarity = postsByPolarity();
    long total = total(byPolarity);
    String since = "time >= '" + started.minusSeconds(60) + "'";
    JsonNode mean = first("SELECT mean(compound) FROM post_sentiment WHERE " + since);
    JsonNode windows = first("SELECT count(total), sum(total) FROM polarity_window WHERE " + since);
    System.out.println();
    System.out.println(
        "== Courtside demo summary (read back from InfluxDB "
            + options.getInfluxUrl()
            + ", database "
            + options.getInfluxDatabase()
            + ")");
    System.out.printf("posts produced      %d%n", producer.acknowledged());
    System.out.printf("posts in InfluxDB   %d  (%s)%n", total, shares(byPolarity, total));
    System.out.printf(
        "mean compound       %s%n",
        mean == null ? "-" : String.format("%.4f", mean.path("mean").asDouble()));
    System.out.printf(
        "windows written     %s, counting %s posts%n",
        windows == null ? "0" : windows.path("count").asText(),
        windows == null ? "0" : windows.path("sum").asText());
    System.out.printf("verify              %s%n", verdict);
    String cli =
        "influx -host 127.0.0.1 -port "
            + java.net.URI.create(options.getInfluxUrl()).getPort()
            + " -database "
            + options.getInfluxDatabase()
            + " -precision rfc3339 -execute";
    System.out.println();
    System.out.println(
        "Explore it (after `./courtside stack start`, which reopens the same data):");
    System.out.println("  " + verifyCommand());
    System.out.println(
        "  "
            + cli
            + " \"SELECT count(compound) FROM post_sentiment WHERE time > now() - 1h AND polarity = 'negative'\"");
    System.out.println(
        "  "
            + cli
            + " \"SELECT positive, negative, neutral, total, compound_mean FROM polarity_window WHERE time > now() - 1h\"");
    System.out.println(
        "  "
            + cli
            + " \"SELECT compound, source, text FROM post_sentiment WHERE polarity = 'negative' ORDER BY time DESC LIMIT 5\"");
  }

  private long written(String step) {
    try {
      MetricQueryResults results =
          pipeline
              .metrics()
              .queryMetrics(
                  MetricsFilter.builder()
                      .addNameFilter(MetricNameFilter.named(InfluxDbIO.class, "points_written"))
                      .build());
      long sum = 0;
      for (MetricResult<Long> c : results.getCounters()) {
        if (c.getKey().stepName().contains(step)) {
          sum += c.getAttempted();
        }
      }
      return sum;
    } catch (RuntimeException e) {
      return -1;
    }
  }

  /** Stored posts per polarity: a field of post_sentiment, so one count per value. */
  private Map<String, Long> postsByPolarity() {
    Map<String, Long> counts = new TreeMap<>();
    for (Polarity polarity : Polarity.values()) {
      JsonNode row =
          first(
              "SELECT count(compound) FROM post_sentiment WHERE time >= '"
                  + started.minusSeconds(60)
                  + "' AND polarity = '"
                  + polarity.tag()
                  + "'");
      if (row != null) { // null: none yet, or no database before the first write
        counts.put(polarity.tag(), row.path("count").asLong());
      }
    }
    return counts;
  }

  private JsonNode first(String influxql) {
    try {
      JsonNode series =
          MAPPER.readTree(influx.query(influxql)).path("results").path(0).path("series").path(0);
      if (series.isMissingNode()) {
        return null;
      }
      var row = MAPPER.createObjectNode();
      for (int i = 0; i < series.path("columns").size(); i++) {
        row.set(series.path("columns").get(i).asText(), series.path("values").path(0).get(i));
      }
      return row;
    } catch (Exception e) {
      return null;
    }
  }

  private static String shares(Map<String, Long> byPolarity, long total) {
    if (total == 0) {
      return "no posts stored yet";
    }
    return byPolarity.entrySet().stream()
        .map(e -> String.format("%s %d%%", e.getKey(), Math.round(100.0 * e.getValue() / total)))
        .collect(Collectors.joining(", "));
  }

  private String lag() {
    Properties props = KafkaSettings.admin(stack.kafkaBootstrap(), new Properties());
    try (Admin admin = Admin.create(props)) {
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin
              .listConsumerGroupOffsets(options.getConsumerGroup())
              .partitionsToOffsetAndMetadata()
              .get(5, TimeUnit.SECONDS);
      Map<TopicPartition, OffsetSpec> latest =
          new TreeMap<>((a, b) -> a.toString().compareTo(b.toString()));
      admin
          .describeTopics(java.util.List.of(options.getTopic()))
          .allTopicNames()
          .get(5, TimeUnit.SECONDS)
          .get(options.getTopic())
          .partitions()
          .forEach(
              p ->
                  latest.put(
                      new TopicPartition(options.getTopic(), p.partition()), OffsetSpec.latest()));
      Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
          admin.listOffsets(latest).all().get(5, TimeUnit.SECONDS);
      long lag = 0;
      for (var e : ends.entrySet()) {
        OffsetAndMetadata c = committed.get(e.getKey());
        lag += e.getValue().offset() - (c == null ? 0 : c.offset());
      }
      return Long.toString(lag);
    } catch (Exception e) {
      return "?";
    }
  }
}
