package io.courtside.pipeline.verify;

import io.courtside.pipeline.CourtsidePipeline;
import io.courtside.pipeline.influx.InfluxCredentials;
import io.courtside.pipeline.influx.InfluxDbClient;
import io.courtside.pipeline.influx.InfluxTarget;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * The proof that InfluxDB holds what the topic says: read the whole topic, {@link Recount} it with
 * the job's own code, read what is stored ({@link StoredWindows}), compare ({@link VerifyReport}).
 */
public final class Verify {
  private Verify() {}

  /**
   * The job's flags (plus {@code --partitionIdleness}), parsed and checked by the job's own parser:
   * same names, defaults and errors. Throws IllegalArgumentException naming a bad flag.
   */
  public static VerifyOptions parseOptions(String... args) {
    PipelineOptionsFactory.register(VerifyOptions.class);
    VerifyOptions o = CourtsidePipeline.parseOptions(args).as(VerifyOptions.class);
    Recount.Settings.of(o, null, null); // --partitionIdleness, which the job may not check
    return o;
  }

  /**
   * Compares the windows starting in [from, to) (null: unbounded).
   *
   * @throws IllegalArgumentException a bad flag
   * @throws VerifyException a server that cannot be reached, a missing topic or database
   */
  public static VerifyReport run(VerifyOptions o, Instant from, Instant to, TopicRead.Progress progress)
      throws VerifyException {
    Recount recount = new Recount(Recount.Settings.of(o, from, to));
    InfluxTarget target = CourtsidePipeline.influxDbWrite(o).target();
    if (target.api() != InfluxTarget.Api.V1) {
      throw new IllegalArgumentException(
          "--influxApi=" + o.getInfluxApi() + ": courtside verify reads with InfluxQL (/query), give"
              + " --influxApi=v1 with --influxDatabase (InfluxDB 2.x/3.x: their v1 compatibility)");
    }
    StoredWindows stored;
    try {
      stored = new StoredWindows(new InfluxDbClient(target, InfluxCredentials.header(target)));
    } catch (IllegalStateException e) {
      throw new VerifyException(e.getMessage(), e);
    }
    stored.check(); // before a long read of the topic
    TopicRead.readAll(o.getBootstrapServers(), o.getTopic(), recount::add, progress);
    Recount.Result result = recount.result();
    Map<WindowKey, StoredWindow> windows = stored.windows(o.getTopic(), from, to);
    Set<String> postIds = stored.storedPostIds(result.postIds(), result.postSeconds());
    return VerifyReport.compare(result, windows, postIds);
  }
}
