package io.courtside.pipeline.options;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** Where the results go. */
public interface InfluxDbOptions extends PipelineOptions {
  @Description("InfluxDB base URL; points are posted to its v1 /write endpoint.")
  @Default.String("http://127.0.0.1:8086")
  String getInfluxUrl();

  void setInfluxUrl(String value);

  @Description("InfluxDB database, created at start if missing.")
  @Default.String("courtside")
  String getInfluxDatabase();

  void setInfluxDatabase(String value);

  @Description("Points per write request; a bundle is flushed at this size and at its end.")
  @Default.Integer(5000)
  int getInfluxBatchSize();

  void setInfluxBatchSize(int value);

  @Description(
      "Longest total time one batch is retried for (5xx and connection errors) before the"
          + " bundle fails, e.g. 2m.")
  @Default.String("2m")
  String getInfluxMaxRetryTime();

  void setInfluxMaxRetryTime(String value);
}
