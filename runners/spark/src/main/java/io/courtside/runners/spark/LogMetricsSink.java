package io.courtside.runners.spark;

import org.apache.beam.sdk.metrics.DistributionResult;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsOptions;
import org.apache.beam.sdk.metrics.MetricsSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs Courtside's own Beam metrics (counters and distributions, e.g. the InfluxDB sink's {@code
 * batch_size}) to the driver log, one line per metric and step.
 *
 * <p>Why: under spark-submit nobody holds the {@code PipelineResult}, so a streaming job's metrics
 * are otherwise invisible. Beam's Spark runner starts a {@code MetricsPusher} that calls this sink
 * every {@code --metricsPushPeriod} seconds when the job runs with {@code
 * --metricsSink=io.courtside.runners.spark.LogMetricsSink}.
 *
 * <p>Line format (stable; the end-to-end tests parse it): {@code courtside-metric step=STEP
 * name=NAME count=N sum=S mean=M min=A max=B} for distributions and {@code courtside-metric
 * step=STEP name=NAME value=V} for counters.
 */
public final class LogMetricsSink implements MetricsSink {
  private static final Logger LOG = LoggerFactory.getLogger(LogMetricsSink.class);
  private static final String NAMESPACE_PREFIX = "io.courtside.";

  /** Beam instantiates sinks reflectively through this constructor. */
  public LogMetricsSink(MetricsOptions options) {}

  @Override
  public void writeMetrics(MetricQueryResults results) {
    for (MetricResult<DistributionResult> d : results.getDistributions()) {
      if (ours(d)) {
        DistributionResult v = d.getAttempted();
        LOG.info(
            "courtside-metric step={} name={} count={} sum={} mean={} min={} max={}",
            d.getKey().stepName(),
            d.getName().getName(),
            v.getCount(),
            v.getSum(),
            String.format(java.util.Locale.ROOT, "%.1f", v.getMean()),
            v.getMin(),
            v.getMax());
      }
    }
    for (MetricResult<Long> c : results.getCounters()) {
      if (ours(c)) {
        LOG.info(
            "courtside-metric step={} name={} value={}",
            c.getKey().stepName(),
            c.getName().getName(),
            c.getAttempted());
      }
    }
  }

  private static boolean ours(MetricResult<?> r) {
    return r.getName().getNamespace().startsWith(NAMESPACE_PREFIX);
  }
}
