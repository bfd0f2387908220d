package io.courtside.ingest;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;

import java.net.ServerSocket;
import java.util.Properties;
import org.junit.Test;

public class TopicAdminTest {
  @Test
  public void anUnreachableBrokerGivesAnActionableError() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort(); // free once closed: nothing listens there
    }
    String servers = "127.0.0.1:" + port;
    Properties extra = new Properties();
    extra.setProperty("default.api.timeout.ms", "2000");
    extra.setProperty("request.timeout.ms", "2000");
    long start = System.nanoTime();
    try {
      new TopicAdmin(KafkaSettings.admin(servers, extra)).ensureTopic("twitterdata", 3, (short) 1);
      throw new AssertionError("expected an IngestException");
    } catch (IngestException e) {
      assertThat(
          e.getMessage(),
          equalTo(
              "cannot reach Kafka at "
                  + servers
                  + " — start it with `./courtside stack start` or pass --bootstrapServers"));
    }
    assertThat((System.nanoTime() - start) / 1_000_000L, lessThan(10_000L));
  }
}
