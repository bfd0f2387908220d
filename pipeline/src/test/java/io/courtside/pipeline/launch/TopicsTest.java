package io.courtside.pipeline.launch;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.courtside.pipeline.config.KafkaClients;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.Test;

/** Where nothing listens, the partition count gives up at once instead of retrying. */
public class TopicsTest {
  @Test
  public void aListeningServerAnywhereInTheListCounts() throws Exception {
    int closed;
    try (ServerSocket gone = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = gone.getLocalPort();
    }
    try (ServerSocket open = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      String listening = "127.0.0.1:" + open.getLocalPort();
      assertTrue(Topics.anyListening(listening, 1_000));
      assertTrue(Topics.anyListening("127.0.0.1:" + closed + ", " + listening, 1_000));
      assertFalse(Topics.anyListening("127.0.0.1:" + closed, 1_000));
      assertFalse(Topics.anyListening("127.0.0.1:" + closed + ",127.0.0.1:notaport", 1_000));
      assertFalse(
          Topics.partitionCount(KafkaClients.of("127.0.0.1:" + closed), "twitterdata", 5_000)
              .isPresent());
    }
  }
}
