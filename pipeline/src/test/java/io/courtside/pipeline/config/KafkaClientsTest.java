package io.courtside.pipeline.config;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.beam.sdk.util.SerializableUtils;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * {@code --kafkaConfig}: what each client gets, what is refused and how, and that no value shows.
 */
public class KafkaClientsTest {
  private static final String SECRET = "pw-7f3a9c";
  private static final String JAAS =
      "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"job\" password=\""
          + SECRET
          + "\";";

  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private String file(String... lines) throws IOException {
    Path f = tmp.newFile().toPath();
    Files.writeString(f, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    return f.toString();
  }

  private String sasl(String... more) throws IOException {
    String[] lines = new String[3 + more.length];
    lines[0] = "security.protocol=SASL_PLAINTEXT";
    lines[1] = "sasl.mechanism=PLAIN";
    lines[2] = "sasl.jaas.config=" + JAAS.replace("\\", "\\\\");
    System.arraycopy(more, 0, lines, 3, more.length);
    return file(lines);
  }

  @Test
  public void everyClientGetsTheSecuritySettingsAndOnlyTheKeysOfItsKind() throws IOException {
    KafkaClients c =
        KafkaClients.load("b:9093", sasl("fetch.min.bytes=1024", "linger.ms=20", "retries=3"));
    for (Map<String, Object> props : java.util.List.of(c.consumer(), c.producer(), c.admin())) {
      assertEquals("b:9093", props.get("bootstrap.servers"));
      assertEquals("SASL_PLAINTEXT", props.get("security.protocol"));
      assertEquals("PLAIN", props.get("sasl.mechanism"));
      assertEquals(JAAS, props.get("sasl.jaas.config"));
    }
    assertEquals("1024", c.consumer().get("fetch.min.bytes"));
    assertFalse(c.producer().containsKey("fetch.min.bytes"));
    assertFalse(c.admin().containsKey("fetch.min.bytes"));
    assertEquals("20", c.producer().get("linger.ms"));
    assertFalse(c.consumer().containsKey("linger.ms"));
    assertEquals("3", c.producer().get("retries"));
    assertEquals("3", c.admin().get("retries"));
    // A new map each time: callers add their own settings to it.
    c.admin().put("request.timeout.ms", 1);
    assertFalse(c.admin().containsKey("request.timeout.ms"));
  }

  @Test
  public void noFileIsTheServersAlone() {
    KafkaClients c = KafkaClients.load("b:9092", null);
    assertEquals(KafkaClients.of("b:9092"), c);
    assertEquals(
        Map.of("bootstrap.servers", "b:9092", "allow.auto.create.topics", false), c.consumer());
    assertEquals("b:9092", c.toString());
  }

  @Test
  public void noValueIsShownNeitherByToStringNorInTheJobsConfiguration() throws IOException {
    String f = sasl();
    KafkaClients c = KafkaClients.load("b:9093", f);
    assertEquals("b:9093 with [sasl.jaas.config, sasl.mechanism, security.protocol]", c.toString());
    JobConfig job =
        JobConfig.of(JobConfig.options("--bootstrapServers=b:9093", "--kafkaConfig=" + f));
    assertEquals(c, job.kafka().clients());
    assertFalse(job.toString(), job.toString().contains(SECRET));
  }

  @Test
  public void theValuesNeverTravelWithTheJobAWorkerReadsTheFile() throws IOException {
    String f = sasl();
    KafkaClients c = KafkaClients.load("b:9093", f);
    JobConfig job =
        JobConfig.of(
            JobConfig.options("--bootstrapServers=b:9093", "--kafkaConfig=" + f, "--topic=t"));
    // Neither the settings nor the KafkaIO steps that use them, as serialized into the job.
    for (java.io.Serializable s :
        java.util.List.<java.io.Serializable>of(
            c,
            io.courtside.pipeline.read.ReadRecords.from(job),
            io.courtside.pipeline.parse.WriteDeadLetters.to(c, "t-dlq"))) {
      String bytes =
          new String(SerializableUtils.serializeToByteArray(s), StandardCharsets.ISO_8859_1);
      assertFalse(s.getClass().getSimpleName() + " holds the password", bytes.contains(SECRET));
    }
    // A copy on a worker reads the file there.
    KafkaClients onWorker = SerializableUtils.clone(c);
    assertEquals(c, onWorker);
    assertEquals(c.consumer(), onWorker.consumer());
    assertEquals(JAAS, onWorker.producer().get("sasl.jaas.config"));
    // And says so when the file is not there.
    KafkaClients elsewhere = SerializableUtils.clone(c);
    Files.delete(Path.of(f));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, elsewhere::consumer);
    assertEquals("--kafkaConfig=" + f + ": no such file", e.getMessage());
  }

  @Test
  public void keysTheJobSetsItselfAreRefusedNamingTheFlagTheKeyAndWhy() throws IOException {
    Map<String, String> owned =
        Map.of(
            "bootstrap.servers", "the job takes it from --bootstrapServers",
            "group.id", "the job takes it from --consumerGroup",
            "enable.auto.commit", "the job commits the offsets it has read",
            "allow.auto.create.topics", "the job creates the topics it needs itself",
            "value.deserializer", "the job reads bytes",
            "key.serializer", "the job writes bytes");
    for (Map.Entry<String, String> e : owned.entrySet()) {
      String f = file("security.protocol=SSL", e.getKey() + "=x");
      IllegalArgumentException refused =
          assertThrows(IllegalArgumentException.class, () -> KafkaClients.load("b:1", f));
      assertEquals(
          "--kafkaConfig=" + f + ": sets " + e.getKey() + ", which it may not: " + e.getValue(),
          refused.getMessage());
    }
  }

  @Test
  public void aTypoOrABadValueIsRefusedWithoutShowingASecret() throws IOException {
    String typo = file("security.protocl=SASL_SSL", "sasl.jaas.config=" + SECRET);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> KafkaClients.load("b:1", typo));
    assertEquals(
        "--kafkaConfig="
            + typo
            + ": 'security.protocl' is not a setting of a Kafka consumer, producer or admin client;"
            + " did you mean security.protocol?",
        e.getMessage());
    String far = file("schema.registry.url=http://r:8081");
    e = assertThrows(IllegalArgumentException.class, () -> KafkaClients.load("b:1", far));
    assertEquals(
        "--kafkaConfig="
            + far
            + ": 'schema.registry.url' is not a setting of a Kafka consumer, producer or admin"
            + " client",
        e.getMessage());
    String bad =
        file("security.protocol=SASL_PLAIN", "sasl.jaas.config=" + JAAS.replace("\\", "\\\\"));
    e = assertThrows(IllegalArgumentException.class, () -> KafkaClients.load("b:1", bad));
    assertTrue(e.getMessage(), e.getMessage().startsWith("--kafkaConfig=" + bad + ": "));
    assertTrue(e.getMessage(), e.getMessage().contains("security.protocol"));
    assertFalse(e.getMessage(), e.getMessage().contains(SECRET));
    // A JAAS line Kafka cannot read (the password unquoted): Kafka's reason would quote it.
    String jaas =
        file(
            "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required"
                + " username=\"job\" password=Kafka "
                + SECRET
                + ";");
    e = assertThrows(IllegalArgumentException.class, () -> KafkaClients.load("b:1", jaas));
    assertTrue(
        e.getMessage(),
        e.getMessage().startsWith("--kafkaConfig=" + jaas + ": sasl.jaas.config is not a JAAS"));
    assertFalse(e.getMessage(), e.getMessage().contains(SECRET));
    String number = file("fetch.min.bytes=lots");
    e = assertThrows(IllegalArgumentException.class, () -> KafkaClients.load("b:1", number));
    assertTrue(e.getMessage(), e.getMessage().contains("fetch.min.bytes"));
  }

  @Test
  public void aMissingFileIsSaidSo() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> KafkaClients.load("b:1", "/nonexistent/kafka.properties"));
    assertEquals("--kafkaConfig=/nonexistent/kafka.properties: no such file", e.getMessage());
  }
}
