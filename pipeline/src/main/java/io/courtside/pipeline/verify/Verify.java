package io.courtside.pipeline.verify;

import io.courtside.pipeline.config.JobConfig;
import io.courtside.pipeline.influx.InfluxCredentials;
import io.courtside.pipeline.influx.InfluxDbClient;
import io.courtside.pipeline.influx.InfluxTarget;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * The proof that InfluxDB holds what the topic says: read the whole topic, {@link Recount} it with
 * the job's own code, read what is stored ({@link StoredWindows}), compare ({@link VerifyReport}).
 */
public final class Verify {
  private Verify() {}

  /**
   * The job's flags, parsed and checked by the job's own parser: same names, defaults and errors.
   * Throws IllegalArgumentException naming a bad flag.
   */
  public static JobConfig parse(String... args) {
    return JobConfig.of(JobConfig.options(args));
  }

  /**
   * Compares the windows starting in [from, to) (null: unbounded).
   *
   * @throws IllegalArgumentException a bad flag, also a {@code --windowSize} the stored windows
   *     cannot have been made with ({@link WindowAlignment})
   * @throws VerifyException a server that cannot be reached, a missing topic or database
   */
  public static VerifyReport run(JobConfig c, Instant from, Instant to, TopicRead.Progress progress)
      throws VerifyException {
    Recount recount = new Recount(Recount.Settings.of(c, from, to));
    InfluxTarget target = c.sink().target();
    if (target.api() != InfluxTarget.Api.V1) {
      throw new IllegalArgumentException(
          "--influxApi=v2: courtside verify reads with InfluxQL (/query), give"
              + " --influxApi=v1 with --influxDatabase (InfluxDB 2.x/3.x: their v1 compatibility)");
    }
    StoredWindows stored;
    try {
      stored = new StoredWindows(new InfluxDbClient(target, InfluxCredentials.header(target)));
    } catch (IllegalStateException e) {
      throw new VerifyException(e.getMessage(), e);
    }
    stored.check(); // before a long read of the topic
    String topic = c.kafka().topic();
    long size = c.windows().size().getMillis();
    WindowAlignment.mismatch(topic, stored.windowStarts(topic, from, to), size)
        .ifPresent(
            wrongSize -> {
              throw new IllegalArgumentException(wrongSize);
            });
    TopicRead.readAll(c.kafka().clients(), c.kafka().topic(), recount::add, progress);
    Recount.Result result = recount.result();
    Map<WindowKey, StoredWindow> windows = stored.windows(c.kafka().topic(), from, to);
    Set<String> postIds = stored.storedPostIds(result.postIds(), result.postSeconds());
    return VerifyReport.compare(result, windows, postIds);
  }
}
