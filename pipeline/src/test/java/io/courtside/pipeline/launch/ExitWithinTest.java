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
  /** The child JVM: a shutdown hook that hangs or ends, then {@link ExitWithin#exit}. */
  public static void main(String[] args) {
    boolean hang = args[0].equals("hang");
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
    try {
      assertTrue("the child JVM did not exit in 60 s", p.waitFor(60, TimeUnit.SECONDS));
      return new Exit(
          p.exitValue(), new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
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
  public void hooksThatEndRunToTheirEndAndNothingIsSaid() throws Exception {
    Exit e = child("end", 1);
    assertEquals(1, e.code());
    assertThat(e.err(), containsString("hook finished"));
    assertThat(e.err(), not(containsString("halting")));
  }
}
