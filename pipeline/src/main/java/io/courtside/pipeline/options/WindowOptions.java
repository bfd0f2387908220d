package io.courtside.pipeline.options;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** The event-time windows of polarity counts. Durations read like 30s, 1m, 2h or PT1M. */
public interface WindowOptions extends PipelineOptions {
  @Description("Length of the fixed event-time windows of polarity counts.")
  @Default.String("1m")
  String getWindowSize();

  void setWindowSize(String value);

  @Description(
      "How long after a window's end late posts still update its counts (a later pane"
          + " overwrites the earlier point). Posts later than that still get their own"
          + " post_sentiment point but no longer change window counts.")
  @Default.String("5m")
  String getAllowedLateness();

  void setAllowedLateness(String value);

  @Description(
      "Processing-time delay between early (speculative) panes of a window that is still open,"
          + " so dashboards move before the window closes.")
  @Default.String("5s")
  String getEarlyFiringPeriod();

  void setEarlyFiringPeriod(String value);

  @Description(
      "Windows that start before this instant (ISO-8601) are not written: they keep the points"
          + " stored before. A streaming start sets it from InfluxDB (see --restartRewindMargin);"
          + " empty: every window is written.")
  @Default.String("")
  String getRecountFrom();

  void setRecountFrom(String value);
}
