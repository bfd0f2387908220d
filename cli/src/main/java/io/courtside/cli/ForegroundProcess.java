package io.courtside.cli;

import java.io.IOException;
import java.util.List;

/**
 * Runs a child command attached to this terminal and returns its exit code. Ctrl-C reaches the
 * child through the terminal's process group; the shutdown hook covers every other way this JVM
 * ends (SIGTERM from a supervisor), so the child never outlives the command that started it.
 */
final class ForegroundProcess {
  private ForegroundProcess() {}

  static int run(List<String> argv) throws IOException, InterruptedException {
    return run(argv, () -> {});
  }

  /** As {@link #run(List)}; {@code afterExit} runs once the child has exited, however it ended. */
  static int run(List<String> argv, Runnable afterExit) throws IOException, InterruptedException {
    Process child = new ProcessBuilder(argv).inheritIO().start();
    Thread hook =
        new Thread(
            () -> {
              stop(child);
              afterExit.run();
            },
            "stop-child-" + child.pid());
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      return child.waitFor();
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
        if (!child.isAlive()) { // not when this thread was interrupted while the child runs
          afterExit.run();
        }
      } catch (IllegalStateException e) {
        // Shutting down: the hook is running already, and cleans up after the child.
      }
    }
  }

  private static void stop(Process child) {
    if (!child.isAlive()) {
      return;
    }
    child.destroy();
    try {
      // A streaming Spark driver needs a few seconds to stop its context cleanly.
      if (!child.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
        child.destroyForcibly();
      }
    } catch (InterruptedException e) {
      child.destroyForcibly();
    }
  }
}
