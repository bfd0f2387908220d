package io.courtside.services.stack;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Launches the real KRaft broker JVM from services/broker/target. */
public class KafkaBrokerProcessTest {

  @Rule public TemporaryFolder tmp = new TemporaryFolder();
  @Rule public Cleanup cleanup = new Cleanup();

  @Before
  public void brokerIsBuilt() {
    BrokerBuilt.require();
  }

  @Test
  public void startsStopsAndRestartsOnTheSameData() throws Exception {
    Path state = cleanup.trackStateDir(tmp.getRoot().toPath());
    int port = FreePorts.pick();
    ManagedProcess broker = cleanup.track(KafkaBrokerProcess.start(state, port));
    assertTrue(FreePorts.isListening(port));
    assertThat(KafkaBrokerProcess.attach(state).orElseThrow().pid(), is(broker.pid()));
    Path clusterId = KafkaBrokerProcess.dataDir(state).resolve("cluster.id");
    String id = Files.readString(clusterId);

    assertTrue("the broker ends on SIGTERM", broker.stop(Duration.ofSeconds(30)));
    assertTrue(Cleanup.gone(broker.pid()));
    assertFalse(FreePorts.isListening(port));
    assertFalse(KafkaBrokerProcess.attach(state).isPresent());

    // A restart reuses the formatted storage and cluster id (and picks a new controller port).
    ManagedProcess again = cleanup.track(KafkaBrokerProcess.start(state, port));
    assertTrue(FreePorts.isListening(port));
    assertThat(Files.readString(clusterId), is(id));
    assertTrue(again.stop(Duration.ofSeconds(30)));
    assertTrue(Cleanup.gone(again.pid()));
  }
}
