package io.courtside.pipeline.launch;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.Test;

/** A JVM whose job has ended leaves with its code, even when a shutdown hook never returns. */
public class ExitWithinTest {
  /**
   * The child JVM: a shutdown hook that hangs or ends, then {@link ExitWithin#exit}; or ("signal")
   * a hook that hangs and one that calls {@link ExitWithin#haltAfter}, then waiting for a signal.
   */
  public static void main(String[] args) throws InterruptedException {
    boolean hang = !args[0].equals("end");
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.err.println("hook started");
                  if (hang) {
                    try {
                      new java.util.concurrent.CountDownLatch(1).await();
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                  }
                  System.err.println("hook finished");
                }));
    if (args[0].equals("signal")) {
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> ExitWithin.haltAfter(Integer.parseInt(args[1]), Duration.ofSeconds(1))));
      System.err.println("ready");
      Thread.sleep(Long.MAX_VALUE);
    }
    ExitWithin.exit(Integer.parseInt(args[1]), Duration.ofSeconds(1));
    throw new AssertionError("exit returned");
  }

  private record Exit(int code, String err) {}

  private static Exit child(String hook, int code) throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p =
        new ProcessBuilder(
                List.of(
                    java.toString(),
                    "-cp",
                    System.getProperty("java.class.path"),
                    ExitWithinTest.class.getName(),
                    hook,
                    Integer.toString(code)))
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    java.io.BufferedReader err =
        new java.io.BufferedReader(
            new java.io.InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
    StringBuilder said = new StringBuilder();
    try {
      if (hook.equals("signal")) {
        for (String line; (line = err.readLine()) != null && !line.equals("ready"); ) {
          said.append(line).append('\n');
        }
        p.toHandle().destroy(); // SIGTERM; Process.destroy would also close its streams
      }
      assertTrue("the child JVM did not exit in 60 s", p.waitFor(60, TimeUnit.SECONDS));
      err.lines().forEach(line -> said.append(line).append('\n'));
      return new Exit(p.exitValue(), said.toString());
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  public void aHookThatNeverReturnsIsCutAfterTheGraceAndTheCodeStays() throws Exception {
    Exit e = child("hang", 3);
    assertEquals(3, e.code());
    assertThat(e.err(), containsString("hook started"));
    assertThat(e.err(), not(containsString("hook finished")));
    assertThat(e.err(), containsString("halting with exit code 3"));
  }

  @Test
  public void aJvmStoppedBySigtermWithAHookThatNeverReturnsHaltsAfterTheGrace() throws Exception {
    Exit e = child("signal", ExitWithin.SIGTERM_EXIT_CODE);
    assertEquals(ExitWithin.SIGTERM_EXIT_CODE, e.code());
    assertThat(e.err(), containsString("hook started"));
    assertThat(e.err(), not(containsString("hook finished")));
    assertThat(e.err(), containsString("halting with exit code 143"));
  }

  @Test
  public void hooksThatEndRunToTheirEndAndNothingIsSaid() throws Exception {
    Exit e = child("end", 1);
    assertEquals(1, e.code());
    assertThat(e.err(), containsString("hook finished"));
    assertThat(e.err(), not(containsString("halting")));
  }
}
