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
}
