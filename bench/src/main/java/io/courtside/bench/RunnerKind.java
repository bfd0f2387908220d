package io.courtside.bench;

/** The ways the bench drains a topic; each runs in its own JVM. */
public enum RunnerKind {
  BASELINE("baseline (KafkaConsumer loop)"),
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
}
