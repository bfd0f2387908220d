package io.courtside.services.stack;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import picocli.CommandLine;

/** {@code stack start} refuses what it must not print or keep, before it starts anything. */
public class StackStartTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void anInfluxUrlWithCredentialsIsRefusedAndTheSecretIsNeverPrinted() throws Exception {
    Path state = tmp.newFolder("courtside-stack-start").toPath();
    for (String url :
        new String[] {
          "http://admin:s3cret-pw@127.0.0.1:8086", "https://s3cret-pw@influx.example:443/"
        }) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      CommandLine cli = new CommandLine(new StackCommand());
      cli.setOut(new PrintWriter(out, true));
      cli.setErr(new PrintWriter(err, true));
      int code = cli.execute("start", "--stateDir=" + state, "--influxUrl=" + url);
      assertEquals(err.toString(), StackCommand.USAGE, code);
      assertTrue(err.toString(), err.toString().contains("must not contain credentials"));
      assertFalse("secret printed: " + out + err, (out.toString() + err).contains("s3cret"));
      assertFalse("something was started", Files.exists(state.resolve(StackState.FILE)));
    }
  }

  @Test
  public void aUrlWithCredentialsCannotBeConfiguredEither() {
    IllegalArgumentException e =
        org.junit.Assert.assertThrows(
            IllegalArgumentException.class,
            () -> StackConfig.defaults().withExternalInfluxUrl("http://u:topsecret@127.0.0.1:1"));
    assertFalse(e.getMessage().contains("topsecret"));
  }
}
