package io.courtside.pipeline.influx;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import org.junit.Test;

/** What the client says when it cannot reach InfluxDB. */
public class InfluxDbClientTest {
  @Test
  public void aClosedPortIsRetryableAndSaysWhy() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort(); // closed again below: nothing listens there
    }
    String url = "http://127.0.0.1:" + port;
    InfluxDbException e =
        assertThrows(
            InfluxDbException.class,
            () -> new InfluxDbClient(url, "courtside").query("SHOW DATABASES"));
    // It was "cannot reach InfluxDB at ... (java.net.ConnectException)": the HTTP client's
    // exception has no message of its own.
    assertThat(e.getMessage(), startsWith("cannot reach InfluxDB at " + url + ": "));
    assertEquals(
        "cannot reach InfluxDB at "
            + url
            + ": connection refused: nothing accepts connections there",
        e.getMessage());
    assertEquals(0, e.status());
    assertTrue(e.retryable());
  }

  @Test
  public void theReasonIsTheInnermostMessage() {
    assertEquals(
        "Connection refused (ConnectException)",
        InfluxDbClient.reason(
            new ConnectException(null) {
              {
                initCause(new ConnectException("Connection refused"));
              }
            }));
    assertEquals(
        "connection refused: nothing accepts connections there",
        InfluxDbClient.reason(new ConnectException(null)));
    assertEquals(
        "its host name does not resolve",
        InfluxDbClient.reason(
            new ConnectException(null) {
              {
                initCause(new java.nio.channels.UnresolvedAddressException());
              }
            }));
    assertEquals("IOException", InfluxDbClient.reason(new IOException()));
    assertEquals(
        "outer (IOException)", InfluxDbClient.reason(new IOException("outer", new IOException())));
  }
}
