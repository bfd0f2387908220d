package io.courtside.pipeline.options;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * Where the results go. No flag holds a secret: pipeline options are serialised into the job, shown
 * by runner UIs and visible in {@code ps}. Passwords and tokens come from the environment ({@code
 * INFLUX_PASSWORD}, {@code INFLUX_TOKEN}) or from a file named by a flag, read on the worker.
 */
public interface InfluxDbOptions extends PipelineOptions {
  @Description(
      "InfluxDB base URL, http:// or https:// (TLS with the JVM trust store). Must not contain"
          + " credentials.")
  @Default.String("http://127.0.0.1:8086")
  String getInfluxUrl();

  void setInfluxUrl(String value);

  @Description(
      "Write API: v1 (POST /write?db=, Basic auth with --influxUser; InfluxDB 1.x and later) or"
          + " v2 (POST /api/v2/write?org=&bucket=, Authorization: Token; InfluxDB 2.x/3.x, QuestDB).")
  @Default.Enum("V1")
  InfluxApi getInfluxApi();

  void setInfluxApi(InfluxApi value);

  @Description("v1: database, created at start if missing (needs an admin user when auth is on).")
  @Default.String("courtside")
  String getInfluxDatabase();

  void setInfluxDatabase(String value);

  @Description(
      "v1: user name. Its password comes from --influxPasswordFile or the environment variable"
          + " INFLUX_PASSWORD, never from a flag. Default: no authentication.")
  String getInfluxUser();

  void setInfluxUser(String value);

  @Description("v1: file holding the password of --influxUser (wins over INFLUX_PASSWORD).")
  String getInfluxPasswordFile();

  void setInfluxPasswordFile(String value);

  @Description("v2: organisation.")
  String getInfluxOrg();

  void setInfluxOrg(String value);

  @Description("v2: bucket (must exist).")
  String getInfluxBucket();

  void setInfluxBucket(String value);

  @Description(
      "v2: file holding the API token (wins over the environment variable INFLUX_TOKEN). Without"
          + " either, requests carry no Authorization header.")
  String getInfluxTokenFile();

  void setInfluxTokenFile(String value);

  @Description(
      "How a newline inside a string field (post text) is sent: raw (InfluxDB 1.x/2.x keep it"
          + " inside the quotes) or escaped (backslash-newline, what QuestDB expects).")
  @Default.Enum("RAW")
  InfluxNewlines getInfluxNewlines();

  void setInfluxNewlines(InfluxNewlines value);

  @Description("Most points per write request.")
  @Default.Integer(5000)
  int getInfluxBatchSize();

  void setInfluxBatchSize(int value);

  @Description(
      "Longest time a point waits in the sink's buffer before its batch is sent, e.g. 1s. Every"
          + " buffer is also flushed at the end of each bundle.")
  @Default.String("1s")
  String getInfluxMaxBatchDelay();

  void setInfluxMaxBatchDelay(String value);

  @Description(
      "Longest total time one batch is retried for (connection errors, 5xx, 429 honouring"
          + " Retry-After; exponential backoff with jitter) before the job fails, e.g. 5m. The"
          + " bundle waits meanwhile: back-pressure instead of unbounded buffering.")
  @Default.String("5m")
  String getInfluxMaxRetryTime();

  void setInfluxMaxRetryTime(String value);
}
