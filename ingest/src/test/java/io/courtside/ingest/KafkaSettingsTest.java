package io.courtside.ingest;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import java.util.Properties;
import org.junit.Test;

public class KafkaSettingsTest {
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

  @Test
  public void maxRecordBytesFollowsMaxRequestSize() {
    Properties p = KafkaSettings.producer("h:1", new Properties());
    assertThat(KafkaSettings.maxRecordBytes(p), is(1024 * 1024 - 4096));
    p.setProperty("max.request.size", "10485760");
    assertThat(KafkaSettings.maxRecordBytes(p), is(10485760 - 4096));
  }
}
