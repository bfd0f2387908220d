package io.courtside.model;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.Test;

public class KafkaClientSettingsTest {
  private static final String MODULE = "org.apache.kafka.common.security.plain.PlainLoginModule";

  @Test
  public void aKeyNoKafkaClientKnowsIsRefusedWithTheNearestOne() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> KafkaClientSettings.check(Map.of("security.protocl", "SASL_SSL")));
    assertEquals(
        "'security.protocl' is not a setting of a Kafka consumer, producer or admin client;"
            + " did you mean security.protocol?",
        e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> KafkaClientSettings.check(Map.of("schema.registry.url", "http://r:8081")));
    assertEquals(
        "'schema.registry.url' is not a setting of a Kafka consumer, producer or admin client",
        e.getMessage());
  }

  /** Mistyped JAAS lines whose reason, as Kafka gives it, quotes a piece of the password. */
  @Test
  public void anUnreadableJaasConfigIsRefusedWithoutItsText() {
    String secret = "S3cret-99";
    for (String jaas :
        List.of(
            MODULE + " required username=\"u\" password=Kafka " + secret + ";",
            MODULE + " Kafka-" + secret + " username=\"u\";",
            MODULE + " required username=\"u\" password=\"" + secret,
            "")) {
      IllegalArgumentException e =
          assertThrows(
              jaas,
              IllegalArgumentException.class,
              () -> KafkaClientSettings.check(Map.of("sasl.jaas.config", jaas)));
      assertTrue(e.getMessage(), e.getMessage().startsWith("sasl.jaas.config is not a JAAS"));
      assertFalse(e.getMessage(), e.getMessage().contains(secret));
    }
  }

  @Test
  public void bootstrapServersAreHostAndPortEntries() {
    assertEquals("a:1, b:65535,", KafkaClientSettings.bootstrapServers("a:1, b:65535,"));
    assertEquals("[::1]:9092", KafkaClientSettings.bootstrapServers("[::1]:9092"));
    for (String bad : List.of("nohost", "a:0", "a:65536", "a:99999999999", "a:1,b")) {
      IllegalArgumentException e =
          assertThrows(
              bad, IllegalArgumentException.class, () -> KafkaClientSettings.bootstrapServers(bad));
      assertTrue(e.getMessage(), e.getMessage().startsWith("--bootstrapServers=" + bad + ": '"));
    }
    assertThrows(IllegalArgumentException.class, () -> KafkaClientSettings.bootstrapServers(" "));
    assertThrows(IllegalArgumentException.class, () -> KafkaClientSettings.bootstrapServers(","));
  }

  /**
   * Kafka's Utils.getHost gives an empty host for ':9092', and its client then connects to this
   * machine: an unset variable in $KAFKA_HOST:9092 reached a local broker.
   */
  @Test
  public void anEmptyHostIsRefused() {
    for (String bad : List.of(":9092", "a:1,:9092", " :9092", "[]:9092")) {
      IllegalArgumentException e =
          assertThrows(
              bad, IllegalArgumentException.class, () -> KafkaClientSettings.bootstrapServers(bad));
      assertEquals(
          "--bootstrapServers="
              + bad
              + ": '"
              + bad.substring(bad.lastIndexOf(',') + 1).strip()
              + "' has no host (an unset variable?), which Kafka would take for this machine;"
              + " give host:port, e.g. 127.0.0.1:9092 for a broker here",
          e.getMessage());
    }
  }

  @Test
  public void aReadableJaasConfigAndKnownKeysPass() {
    KafkaClientSettings.check(
        Map.of(
            "security.protocol", "SASL_SSL",
            "sasl.mechanism", "PLAIN",
            "sasl.jaas.config", MODULE + " required username=\"u\" password=\"a b;c\";",
            "fetch.min.bytes", "1",
            "linger.ms", "5"));
  }
}
