package io.courtside.services.stack;

import java.time.Duration;
import java.util.Objects;

/**
 * How to start the local stack.
 *
 * @param kafkaPort broker port on 127.0.0.1; 0 picks a free port
 * @param influxPort influxd HTTP port on 127.0.0.1; 0 picks a free port
 * @param kafkaPartitions num.partitions for topics created without an explicit count
 * @param externalInfluxUrl an InfluxDB that already runs (then no influxd is started); null for
 *     none
 * @param influxAuth start influxd with {@code auth-enabled = true}
 * @param detach let the services outlive this JVM ({@code stack start}); when false, a shutdown
 *     hook stops them if the JVM exits without {@link LocalStack#close()}
 * @param startTimeout how long to wait for each service to become ready
 */
public record StackConfig(
    int kafkaPort,
    int influxPort,
    int kafkaPartitions,
    String externalInfluxUrl,
    boolean influxAuth,
    boolean detach,
    Duration startTimeout) {

  public static final int DEFAULT_KAFKA_PORT = 9092;
  public static final int DEFAULT_INFLUX_PORT = 8086;

  public StackConfig {
    checkPort(kafkaPort, "kafkaPort");
    checkPort(influxPort, "influxPort");
    if (kafkaPartitions < 1) {
      throw new IllegalArgumentException("kafkaPartitions must be >= 1, was " + kafkaPartitions);
    }
    Objects.requireNonNull(startTimeout, "startTimeout");
    if (externalInfluxUrl != null) {
      checkNoCredentials(externalInfluxUrl);
      // Trailing slashes would make "url + /write" a double slash, which InfluxDB 1.x rejects.
      externalInfluxUrl = externalInfluxUrl.replaceAll("/+$", "");
    }
  }

  /** The usual ports (9092, 8086), 3 partitions, not detached. */
  public static StackConfig defaults() {
    return new StackConfig(
        DEFAULT_KAFKA_PORT, DEFAULT_INFLUX_PORT, 3, null, false, false, Duration.ofSeconds(90));
  }

  /**
   * Free ports for both services: what tests use, so they never collide with a developer's stack.
   */
  public static StackConfig freePorts() {
    return defaults().withKafkaPort(0).withInfluxPort(0);
  }

  public StackConfig withKafkaPort(int port) {
    return new StackConfig(
        port, influxPort, kafkaPartitions, externalInfluxUrl, influxAuth, detach, startTimeout);
  }

  public StackConfig withInfluxPort(int port) {
    return new StackConfig(
        kafkaPort, port, kafkaPartitions, externalInfluxUrl, influxAuth, detach, startTimeout);
  }

  public StackConfig withKafkaPartitions(int partitions) {
    return new StackConfig(
        kafkaPort, influxPort, partitions, externalInfluxUrl, influxAuth, detach, startTimeout);
  }

  /**
   * A URL is printed, logged and kept in the state file: credentials never belong in it. The
   * message does not repeat the URL, which holds them.
   */
  public static void checkNoCredentials(String url) {
    java.net.URI uri;
    try {
      uri = java.net.URI.create(url.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--influxUrl is not a URL (e.g. http://HOST:8086)");
    }
    if (uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException(
          "--influxUrl must not contain credentials (user:password@); give http://HOST:PORT and pass"
              + " the credentials to the pipeline: --influxUser with INFLUX_PASSWORD or"
              + " --influxPasswordFile (v1), INFLUX_TOKEN or --influxTokenFile (v2)");
    }
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
      throw new IllegalArgumentException("--influxUrl must start with http:// or https://");
    }
  }

  public StackConfig withExternalInfluxUrl(String url) {
    return new StackConfig(
        kafkaPort, influxPort, kafkaPartitions, url, influxAuth, detach, startTimeout);
  }

  public StackConfig withInfluxAuth(boolean enabled) {
    return new StackConfig(
        kafkaPort, influxPort, kafkaPartitions, externalInfluxUrl, enabled, detach, startTimeout);
  }

  public StackConfig withDetach(boolean value) {
    return new StackConfig(
        kafkaPort, influxPort, kafkaPartitions, externalInfluxUrl, influxAuth, value, startTimeout);
  }

  public StackConfig withStartTimeout(Duration timeout) {
    return new StackConfig(
        kafkaPort, influxPort, kafkaPartitions, externalInfluxUrl, influxAuth, detach, timeout);
  }

  private static void checkPort(int port, String name) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(name + " must be 0..65535, was " + port);
    }
  }
}
