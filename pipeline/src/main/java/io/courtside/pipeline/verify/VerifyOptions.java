package io.courtside.pipeline.verify;

import io.courtside.pipeline.options.CourtsideOptions;
import org.apache.beam.sdk.options.Description;

/** The job's flags, plus what only {@code courtside verify} needs to model streaming. */
public interface VerifyOptions extends CourtsideOptions {
  /** Used when the flag is not given (also the job's default). */
  String DEFAULT_PARTITION_IDLENESS = "10s";

  // No @Default here: the job's WindowOptions is getting the same flag with its own default,
  // which then applies (one default, not two that could disagree); until then Recount falls back
  // to DEFAULT_PARTITION_IDLENESS.
  @Description(
      "After how long without records a partition counts as idle, so its watermark may follow the"
          + " wall clock (default 10s). courtside verify uses it to model which posts a streaming"
          + " run may have dropped as late.")
  String getPartitionIdleness();

  void setPartitionIdleness(String value);
}
