package io.courtside.pipeline.launch;

import io.courtside.pipeline.CourtsidePipeline;
import io.courtside.pipeline.config.JobConfig;
import io.courtside.pipeline.influx.InfluxCredentials;
import io.courtside.pipeline.influx.InfluxDbClient;
import io.courtside.pipeline.influx.InfluxDbException;
import io.courtside.pipeline.influx.InfluxTarget;
import io.courtside.pipeline.read.GroupLease;
import io.courtside.pipeline.read.RecountPoint;
import io.courtside.pipeline.read.RewindOnStart;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A streaming start: takes the consumer group's lease ({@link GroupLease}), finds where to recount
 * from ({@link RecountPoint}, unless {@code --recountFrom} says) and rewinds the group to it
 * ({@link RewindOnStart}), gives a Spark run its own checkpoint directory ({@link
 * SparkRunCheckpoint}), then runs the job; the result gives the lease back when the job ends or is
 * cancelled. A start from a Flink savepoint takes the lease and runs the job, nothing else.
 */
final class StreamingStart {
  private static final Logger LOG = LoggerFactory.getLogger(StreamingStart.class);

  private StreamingStart() {}

  static PipelineResult start(PipelineLauncher.Job job) {
    JobConfig c = job.config();
    JobConfig.Kafka kafka = c.kafka();
    GroupLease lease = GroupLease.acquire(kafka.clients(), kafka.topic(), kafka.consumerGroup());
    try {
      if (kafka.savepointPath() != null) {
        return restore(job, lease);
      }
      Duration margin = Duration.ofMillis(kafka.restartRewindMargin().getMillis());
      Optional<Instant> given =
          Optional.ofNullable(c.recountFrom()).map(f -> Instant.ofEpochMilli(f.getMillis()));
      Optional<RecountPoint> point = recountPoint(c, margin, given);
      Optional<Instant> from = point.map(RecountPoint::from);
      Optional<Instant> rewindTo = point.map(RecountPoint::rewindTo);
      if (given.isEmpty()) {
        // Shown with the job's other options by the runner.
        job.options().setRecountFrom(from.map(Instant::toString).orElse(""));
        c =
            c.withRecountFrom(
                from.map(f -> new org.joda.time.Instant(f.toEpochMilli())).orElse(null));
      }
      LOG.info(
          from.isPresent()
              ? "Recounting windows that start at or after {}; earlier windows keep their stored points"
              : "Recounting every window{}: no window of topic "
                  + kafka.topic()
                  + " is stored as closed",
          from.map(Instant::toString).orElse(""));
      if (from.isPresent() && rewindTo.get().isBefore(from.get().minus(margin))) {
        LOG.info(
            "Rewinding to {}, further than --restartRewindMargin ({}) before {}: a window from"
                + " then on holds a post whose record is stamped that early (its createdAt is"
                + " ahead of its record's Kafka timestamp)",
            rewindTo.get(),
            margin,
            from.get());
      }
      RewindOnStart.rewind(kafka.clients(), kafka.topic(), kafka.consumerGroup(), rewindTo);
      SparkRunCheckpoint.useFreshDirectory(job.options(), kafka.consumerGroup(), Instant.now());
      Pipeline p = Pipeline.create(job.options());
      CourtsidePipeline.build(p, c);
      return new LeasedResult(p.run(), lease);
    } catch (RuntimeException e) {
      lease.close();
      throw e;
    }
  }

  /**
   * A start from a Flink savepoint: the savepoint holds the readers' Kafka offsets and every open
   * window's state, so the job goes on exactly where the stopped one was. Rewinding would re-read
   * posts the restored windows already hold, and a recount point would hide windows the savepoint
   * carries: neither is done. {@code --recountFrom}, if given, still applies.
   */
  private static PipelineResult restore(PipelineLauncher.Job job, GroupLease lease) {
    JobConfig c = job.config();
    LOG.info(
        "Restoring from savepoint {}: Kafka offsets and open windows come from it; the consumer"
            + " group is not rewound and no window is recounted",
        c.kafka().savepointPath());
    Pipeline p = Pipeline.create(job.options());
    CourtsidePipeline.build(p, c);
    return new LeasedResult(p.run(), lease);
  }

  /**
   * The recount point from InfluxDB (or {@code given}, --recountFrom, with the rewind it needs),
   * retried like a write while InfluxDB cannot be reached.
   */
  private static Optional<RecountPoint> recountPoint(
      JobConfig c, Duration margin, Optional<Instant> given) {
    JobConfig.Sink sink = c.sink();
    InfluxDbClient client =
        new InfluxDbClient(sink.target(), InfluxCredentials.header(sink.target()));
    Duration lateness = Duration.ofMillis(c.windows().allowedLateness().getMillis());
    List<Optional<RecountPoint>> found = new ArrayList<>();
    try {
      sink.write()
          .retryPolicy()
          .run(
              "reading the recount point",
              () ->
                  found.add(
                      given.isPresent()
                          ? Optional.of(
                              RecountPoint.at(client, c.kafka().topic(), given.get(), margin))
                          : RecountPoint.find(client, c.kafka().topic(), lateness, margin)),
              (e, d) ->
                  LOG.warn("InfluxDB not reachable yet ({}); retrying in {}", e.getMessage(), d));
      return found.get(0);
    } catch (InfluxDbException e) {
      if (e.status() == 404 && given.isPresent()) {
        // No InfluxQL to read stored windows from: the given point, one margin of rewind.
        return Optional.of(new RecountPoint(given.get(), given.get().minus(margin)));
      }
      if (e.status() == 404 && sink.target().api() == InfluxTarget.Api.V1) {
        throw new IllegalStateException(e.getMessage(), e);
      }
      if (e.status() == 404) {
        // A v2 server without InfluxQL (QuestDB): nothing tells which windows are final.
        LOG.warn(
            "{} has no InfluxQL /query: every window is recounted from the beginning of the"
                + " topic on each start",
            sink.target().url());
        return Optional.empty();
      }
      throw new IllegalStateException(
          "cannot read the recount point from InfluxDB: " + e.getMessage(), e);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot read the recount point from InfluxDB: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the recount point", e);
    }
  }
}
