package io.courtside.ingest;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.Assert.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class KafkaSettingsTest {
  private static final String SECRET = "pw-51c0ffee";
  private static final String PLAIN = "org.apache.kafka.common.security.plain.PlainLoginModule";

  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void producerDefaultsGuardDelivery() {
    Properties p = KafkaSettings.producer("h:1", new Properties());
    assertThat(p.getProperty("bootstrap.servers"), equalTo("h:1"));
    assertThat(p.getProperty("acks"), equalTo("all"));
    assertThat(p.getProperty("enable.idempotence"), equalTo("true"));
    assertThat(p.getProperty("max.in.flight.requests.per.connection"), equalTo("1"));
    assertThat(p.getProperty("compression.type"), equalTo("lz4"));
    assertThat(Long.parseLong(p.getProperty("max.block.ms")) >= 60_000, is(true));
  }

  @Test
  public void theExtraFileAddsAndOverridesButNotTheAddress() {
    Properties extra = new Properties();
    extra.setProperty("security.protocol", "SASL_SSL");
    extra.setProperty("sasl.jaas.config", "secret");
    extra.setProperty("compression.type", "zstd");
    extra.setProperty("bootstrap.servers", "elsewhere:9092");
    Properties p = KafkaSettings.producer("h:1", extra);
    assertThat(p.getProperty("security.protocol"), equalTo("SASL_SSL"));
    assertThat(p.getProperty("compression.type"), equalTo("zstd"));
    assertThat(p.getProperty("bootstrap.servers"), equalTo("h:1"));
  }

  @Test
  public void adminGetsSecurityButNotProducerOnlySettings() {
    Properties extra = new Properties();
    extra.setProperty("security.protocol", "SSL");
    extra.setProperty("acks", "1");
    Properties a = KafkaSettings.admin("h:1", extra);
    assertThat(a.getProperty("security.protocol"), equalTo("SSL"));
    assertThat(a.getProperty("acks"), nullValue());
    assertThat(a.getProperty("default.api.timeout.ms"), equalTo("15000"));
  }

  /** The pipeline's file serves ingest too: its consumer settings are no producer's business. */
  @Test
  public void theProducerTakesOnlyProducerSettings() {
    Properties extra = new Properties();
    extra.setProperty("security.protocol", "SASL_SSL");
    extra.setProperty("isolation.level", "read_committed");
    extra.setProperty("fetch.min.bytes", "1024");
    Properties p = KafkaSettings.producer("h:1", extra);
    assertThat(p.getProperty("security.protocol"), equalTo("SASL_SSL"));
    assertThat(p.getProperty("isolation.level"), nullValue());
    assertThat(p.getProperty("fetch.min.bytes"), nullValue());
  }

  @Test
  public void aKeyNoKafkaClientKnowsIsRefusedWithTheNearestOne() throws IOException {
    Path file = tmp.newFile("client.properties").toPath();
    Files.writeString(file, "security.protocl=SASL_SSL\nsasl.jaas.config=" + SECRET + "\n");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> KafkaSettings.load(file));
    assertThat(
        e.getMessage(),
        equalTo(
            "'security.protocl' is not a setting of a Kafka consumer, producer or admin client;"
                + " did you mean security.protocol?"));
    Files.writeString(file, "schema.registry.url=http://r:8081\n");
    e = assertThrows(IllegalArgumentException.class, () -> KafkaSettings.load(file));
    assertThat(
        e.getMessage(),
        equalTo(
            "'schema.registry.url' is not a setting of a Kafka consumer, producer or admin"
                + " client"));
    String jaas = PLAIN + " required username=\"u\" password=\"" + SECRET + "\";";
    Files.writeString(
        file, "security.protocol=SASL_SSL\nsasl.jaas.config=" + jaas + "\nisolation.level=x\n");
    assertThat(KafkaSettings.load(file).getProperty("sasl.jaas.config"), equalTo(jaas));
  }

  /** A JAAS line Kafka cannot read: Kafka's reason would quote the password. */
  @Test
  public void anUnreadableJaasLineIsRefusedWithoutThePassword() throws IOException {
    Path file = tmp.newFile("client.properties").toPath();
    Files.writeString(
        file,
        "sasl.jaas.config=" + PLAIN + " required username=\"u\" password=Kafka " + SECRET + ";\n");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> KafkaSettings.load(file));
    assertThat(e.getMessage(), startsWith("sasl.jaas.config is not a JAAS configuration"));
    assertThat(e.getMessage(), not(containsString(SECRET)));
  }

  @Test
  public void maxRecordBytesFollowsMaxRequestSize() {
    Properties p = KafkaSettings.producer("h:1", new Properties());
    assertThat(KafkaSettings.maxRecordBytes(p), is(1024 * 1024 - 4096));
    p.setProperty("max.request.size", "10485760");
    assertThat(KafkaSettings.maxRecordBytes(p), is(10485760 - 4096));
  }
}
