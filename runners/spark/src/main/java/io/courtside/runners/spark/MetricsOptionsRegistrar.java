package io.courtside.runners.spark;

import java.util.List;
import org.apache.beam.sdk.metrics.MetricsOptions;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsRegistrar;

/**
 * Makes Beam's {@link MetricsOptions} ({@code --metricsSink}, {@code --metricsPushPeriod}) known to
 * the flag parser in the Spark jar, so {@link LogMetricsSink} can be chosen on the command line.
 * Found through {@code META-INF/services}.
 */
public final class MetricsOptionsRegistrar implements PipelineOptionsRegistrar {
  @Override
  public Iterable<Class<? extends PipelineOptions>> getPipelineOptions() {
    return List.of(MetricsOptions.class);
  }
}
