package io.courtside.bench;

import java.time.Duration;

/**
 * The ways the bench drains a topic; each job runs in its own JVM. {@link #CEILING} runs no job:
 * the bench's own threads write the drain's points, pre-encoded and compressed, straight to
 * influxd.
 */
public enum RunnerKind {
  BASELINE("baseline (KafkaConsumer loop)"),
  CEILING("influxd alone ingesting the drain's points, pre-encoded and gzipped, 1 and 2 threads"),
  DIRECT("Beam DirectRunner"),
  SPARK_LOCAL("Beam SparkRunner local[N]"),
  SPARK_CLUSTER("Beam SparkRunner standalone (master+worker)"),
  FLINK_LOCAL("Beam FlinkRunner, embedded cluster"),
  FLINK_CLUSTER("Beam FlinkRunner session cluster (JobManager+TaskManager)");

  private final String label;

  RunnerKind(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public boolean isSpark() {
    return this == SPARK_LOCAL || this == SPARK_CLUSTER;
  }

  /** The whole job runs in the JVM the bench launches, so one recording of it shows every cost. */
  public boolean jobInOneJvm() {
    return this == BASELINE || this == DIRECT || this == SPARK_LOCAL || this == FLINK_LOCAL;
  }

  public boolean isFlink() {
    return this == FLINK_LOCAL || this == FLINK_CLUSTER;
  }

  /**
   * How long the bench waits for the job's JVM to exit after SIGTERM before SIGKILL. A Spark driver
   * leaves about 3 s after SIGTERM (Spark's own hook stops the streaming context; the launcher's
   * graceful cancel, which took a minute, is gone), and a kill then measures nothing: 5 s. A Flink
   * job JVM exits within a few seconds, but the first one after a build also writes its class
   * archive on the way out (services/flink's {@code JobClassArchive}: about 3 s for 110 MB), and
   * the session cluster's client first cancels its job. Killed, that JVM keeps no archive, and no
   * later run of the build records again: every Flink row would start without one.
   */
  public Duration stopGrace() {
    return isFlink() ? Duration.ofSeconds(30) : Duration.ofSeconds(5);
  }
}
