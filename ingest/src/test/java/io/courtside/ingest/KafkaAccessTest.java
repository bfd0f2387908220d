package io.courtside.ingest;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.Assert.assertThrows;

import java.util.Properties;
import org.junit.Test;

public class KafkaAccessTest {
  /** The client's own "Failed to create new KafkaAdminClient" says nothing of the flag's value. */
  @Test
  public void aBadAddressIsRefusedWithTheClientsReason() {
    KafkaOptions kafka = new KafkaOptions();
    kafka.bootstrapServers = "kafka";
    kafka.topic = "t";
    kafka.partitions = 1;
    kafka.replicationFactor = 1;
    kafka.maxKafkaOutage = 1;
    IngestException e =
        assertThrows(
            IngestException.class,
            () ->
                KafkaAccess.broker()
                    .open(
                        kafka,
                        new Properties(),
                        KafkaSettings.producer("kafka", new Properties())));
    assertThat(
        e.getMessage(),
        equalTo(
            "cannot configure the Kafka client: Failed to create new KafkaAdminClient: Invalid url"
                + " in bootstrap.servers: kafka"));
  }
}
