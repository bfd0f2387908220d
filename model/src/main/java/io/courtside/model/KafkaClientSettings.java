package io.courtside.model;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.security.JaasContext;
import org.apache.kafka.common.utils.Utils;

/**
 * The checks of a {@code --kafkaConfig} file that ingest and the job share, made before any client
 * exists. Each failure is an IllegalArgumentException whose message names the key and never shows a
 * value (the caller puts the flag in front).
 */
public final class KafkaClientSettings {
  private KafkaClientSettings() {}

  /** Every key a Kafka consumer, producer or admin client knows. */
  public static Set<String> knownKeys() {
    Set<String> known = new TreeSet<>(ConsumerConfig.configNames());
    known.addAll(ProducerConfig.configNames());
    known.addAll(AdminClientConfig.configNames());
    return known;
  }

  /**
   * Refuses a key no Kafka client knows (a typo such as {@code security.protocl} would otherwise
   * leave the client on plaintext and fail later as an unreachable broker), with the nearest known
   * key; and a {@code sasl.jaas.config} Kafka cannot read, without Kafka's own reason, which quotes
   * the text it could not read: a mistyped JAAS line shows its password (an unquoted password with
   * a space in it gave {@code Value not specified for key 'S3cret-99' in JAAS config}).
   */
  public static void check(Map<String, String> settings) {
    Set<String> known = knownKeys();
    for (String key : new TreeSet<>(settings.keySet())) {
      if (!known.contains(key)) {
        throw new IllegalArgumentException(
            "'"
                + key
                + "' is not a setting of a Kafka consumer, producer or admin client"
                + Spelling.nearest(key, known).map(k -> "; did you mean " + k + "?").orElse(""));
      }
    }
    String jaas = settings.get(SaslConfigs.SASL_JAAS_CONFIG);
    if (jaas != null) {
      try {
        JaasContext.loadClientContext(
            Map.of(SaslConfigs.SASL_JAAS_CONFIG, new Password(jaas.strip())));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(
            SaslConfigs.SASL_JAAS_CONFIG
                + " is not a JAAS configuration Kafka can read (its reason is left out: it quotes"
                + " the text, password included); the form is `LoginModuleClass required"
                + " username=\"...\" password=\"...\";`, with each value in double quotes");
      }
    }
  }

  /**
   * {@code --bootstrapServers}: host:port entries separated by commas, each as the Kafka client
   * parses it ({@code Utils.getHost}, {@code Utils.getPort}). Names are not resolved here: the
   * machine that checks the flags (a spark-submit client) may not be where the job runs.
   */
  public static String bootstrapServers(String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(
          "--bootstrapServers is empty; give host:port, e.g. 127.0.0.1:9092");
    }
    boolean any = false;
    for (String server : value.split(",")) {
      String s = server.strip();
      if (s.isEmpty()) {
        continue; // as the Kafka client skips it
      }
      any = true;
      if (isHostPort(s) && Utils.getHost(s).isEmpty()) {
        // Kafka reads an empty host as this machine (InetAddress.getByName("")): ':9092' is
        // usually a shell variable that was not set, and the job would use a local broker.
        throw new IllegalArgumentException(
            "--bootstrapServers="
                + value
                + ": '"
                + s
                + "' has no host (an unset variable?), which Kafka would take for this machine;"
                + " give host:port, e.g. 127.0.0.1:9092 for a broker here");
      }
      if (!isHostPort(s)) {
        throw new IllegalArgumentException(
            "--bootstrapServers="
                + value
                + ": '"
                + s
                + "' is not host:port (a port from 1 to 65535; several servers separated by"
                + " commas, e.g. 127.0.0.1:9092,127.0.0.1:9093)");
      }
    }
    if (!any) {
      throw new IllegalArgumentException(
          "--bootstrapServers=" + value + " names no server; give host:port, e.g. 127.0.0.1:9092");
    }
    return value;
  }

  private static boolean isHostPort(String s) {
    Integer port;
    try {
      port = Utils.getPort(s);
    } catch (NumberFormatException e) {
      return false; // digits past an int
    }
    return Utils.getHost(s) != null && port != null && port >= 1 && port <= 65_535;
  }
}
