package io.courtside.cli;

import static org.junit.Assert.assertEquals;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import picocli.CommandLine;

/** Every flag of the demo is checked before any service starts. */
public class DemoCommandTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  /**
   * Each bad flag is its line and exit 2. The state folder cannot be made (it is under a file), so
   * a demo that went on to start the stack would end with exit 1 before starting a service.
   */
  @Test
  public void aBadFlagIsNamedBeforeTheStackStarts() throws Exception {
    File file = tmp.newFile("not-a-folder");
    String[][] cases = {
      {
        "--windowSize=10x",
        "--windowSize=10x is not a duration; use e.g. 500ms, 30s, 1m, 2h or PT1M"
      },
      {"--windowSize=0s", "--windowSize=0s must be greater than zero"},
      {
        "--topic=fans/nba",
        "--topic=fans/nba: Topic name is invalid: 'fans/nba' contains one or more characters"
            + " other than ASCII alphanumerics, '.', '_' and '-'"
      },
      {"--rate=0", "--rate must be at least 1, got 0"},
      {"--duration=-1", "--duration must be 0 (until Ctrl-C) or more seconds, got -1"}
    };
    for (String[] c : cases) {
      CommandLine cli = Courtside.commandLine();
      StringWriter err = new StringWriter();
      cli.setErr(new PrintWriter(err, true));
      cli.setOut(new PrintWriter(new StringWriter(), true));
      int code =
          cli.execute(
              "demo",
              c[0],
              "--kafkaPort=0",
              "--influxPort=0",
              "--no-dashboard",
              "--stateDir=" + new File(file, "state"));
      assertEquals(c[0] + "\n" + err, 2, code);
      assertEquals(c[1] + "\nRun `courtside demo --help` for its flags.\n", err.toString());
    }
  }
}
