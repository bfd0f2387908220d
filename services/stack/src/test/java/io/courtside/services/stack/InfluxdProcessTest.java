package io.courtside.services.stack;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Starts the real influxd (installed here as the Debian package) on free ports. */
public class InfluxdProcessTest {

  @Rule public TemporaryFolder tmp = new TemporaryFolder();
  @Rule public Cleanup cleanup = new Cleanup();

  @Test
  public void startsAnswersPingAndStopsByPid() throws Exception {
    Path state = cleanup.trackStateDir(tmp.getRoot().toPath());
    int port = FreePorts.pick();
    ManagedProcess influxd = cleanup.track(InfluxdProcess.start(state, port));
    String url = "http://127.0.0.1:" + port;
    assertTrue(InfluxdProcess.ping(url));
    assertThat(
        Files.readString(InfluxdProcess.pidFile(state)).trim(), is(Long.toString(influxd.pid())));
    assertThat(query(url, "CREATE DATABASE courtside"), containsString("\"statement_id\":0"));

    // A later JVM finds it through the pid file and the config path on its command line.
    ManagedProcess attached = InfluxdProcess.attach(state).orElseThrow();
    assertThat(attached.pid(), is(influxd.pid()));

    assertTrue("influxd ends on SIGTERM", attached.stop(Duration.ofSeconds(15)));
    assertTrue(Cleanup.gone(influxd.pid()));
    assertFalse(InfluxdProcess.ping(url));
    assertFalse(InfluxdProcess.attach(state).isPresent());
  }

  @Test
  public void foundThroughAnotherSpellingOfTheStateDir() throws Exception {
    Path real = cleanup.trackStateDir(tmp.newFolder("real").toPath());
    Path link = Files.createSymbolicLink(tmp.getRoot().toPath().resolve("link"), real);
    ManagedProcess influxd = cleanup.track(InfluxdProcess.start(link, FreePorts.pick()));
    // `stack stop` may run from another directory, or through a symlink: same process.
    assertThat(InfluxdProcess.attach(real).orElseThrow().pid(), is(influxd.pid()));
    assertThat(
        InfluxdProcess.attach(link.resolve("../real")).orElseThrow().pid(), is(influxd.pid()));
    assertTrue(influxd.stop(Duration.ofSeconds(15)));
  }

  @Test
  public void takenPortIsReportedAsSuch() throws Exception {
    Path state = cleanup.trackStateDir(tmp.getRoot().toPath());
    try (ServerSocket squatter = new ServerSocket()) {
      squatter.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
      InfluxdProcess.start(state, squatter.getLocalPort());
      fail("expected PortInUse");
    } catch (StackException.PortInUse e) {
      assertThat(e.service(), is("InfluxDB"));
    }
    assertFalse(Files.exists(InfluxdProcess.pidFile(state)));
  }

  @Test
  public void configKeepsEverythingOnLoopbackAndUnderTheStateDir() {
    String conf = InfluxdProcess.config(Path.of("/s/influxdb"), 18086, 18088, true);
    assertThat(conf, containsString("bind-address = \"127.0.0.1:18088\""));
    assertThat(conf, containsString("bind-address = \"127.0.0.1:18086\""));
    assertThat(conf, containsString("dir = \"/s/influxdb/meta\""));
    assertThat(conf, containsString("wal-dir = \"/s/influxdb/wal\""));
    assertThat(conf, containsString("auth-enabled = true"));
    assertThat(conf, containsString("reporting-disabled = true"));
  }

  private static String query(String url, String q) throws Exception {
    HttpURLConnection http =
        (HttpURLConnection)
            new URL(url + "/query?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8))
                .openConnection();
    http.setRequestMethod("POST");
    try (InputStream in = http.getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } finally {
      http.disconnect();
    }
  }
}
