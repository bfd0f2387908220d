package io.courtside.services.stack;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.Test;

public class FreePortsTest {

  @Test
  public void pickedPortIsFreeAndTakenPortIsNot() throws Exception {
    int port = FreePorts.pick();
    assertThat(port, greaterThan(0));
    assertTrue(FreePorts.isFree(port));
    assertFalse(FreePorts.isListening(port));
    try (ServerSocket server = new ServerSocket()) {
      server.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
      assertFalse(FreePorts.isFree(port));
      assertTrue(FreePorts.isListening(port));
    }
  }

  @Test
  public void aPortLeftInTimeWaitByAStoppedServerIsFree() throws Exception {
    int port = FreePorts.pick();
    try (ServerSocket server = new ServerSocket()) {
      server.setReuseAddress(true);
      server.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
      try (Socket client = new Socket("127.0.0.1", port);
          Socket accepted = server.accept()) {
        accepted
            .close(); // the server side closes first: its end of the connection waits in TIME_WAIT
        assertEquals(-1, client.getInputStream().read());
      }
    }
    // Kafka and influxd rebind such a port at once (SO_REUSEADDR); so must the check before them.
    assertTrue(FreePorts.isFree(port));
    try (ServerSocket again = new ServerSocket()) {
      again.setReuseAddress(true);
      again.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
    }
  }

  /**
   * Picked ports lie below the OS's ephemeral range, where no outgoing connection takes its source
   * port, and never repeat within this JVM.
   */
  @Test
  public void pickedPortsAreBelowTheEphemeralRangeAndDistinct() {
    java.util.Set<Integer> seen = new java.util.HashSet<>();
    int low = FreePorts.ephemeralLow();
    for (int i = 0; i < 200; i++) {
      int port = FreePorts.pick();
      assertTrue(port + " not below " + low, port >= FreePorts.LOWEST && port < low);
      assertTrue("handed out twice: " + port, seen.add(port));
    }
  }

  @Test
  public void zeroMeansPick() {
    assertThat(FreePorts.orPick(0), greaterThan(0));
    assertThat(FreePorts.orPick(12345), org.hamcrest.Matchers.is(12345));
  }
}
