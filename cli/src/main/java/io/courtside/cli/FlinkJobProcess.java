package io.courtside.cli;

import io.courtside.services.flink.FlinkRest;
import io.courtside.services.stack.Executables;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs the job's Flink client JVM ({@code courtside submit --runner=FlinkRunner}) and follows it;
 * Ctrl-C (or SIGTERM) stops the job <em>with a savepoint</em>, as {@code flink stop} does, and
 * prints how to resume from it.
 *
 * <p>The client runs in a session of its own ({@code setsid}) so that the terminal's Ctrl-C reaches
 * only this JVM: the client would otherwise cancel the job at once, racing the savepoint. This
 * JVM's shutdown hook asks the JobManager for the savepoint; the job then ends FINISHED and the
 * client, which follows it, exits by itself and gives the consumer group's lease back.
 */
final class FlinkJobProcess {
  /** How long a stop-with-savepoint may take before the job is cancelled instead. */
  static final Duration SAVEPOINT_TIMEOUT = Duration.ofMinutes(2);

  private final List<String> argv;
  private final FlinkRest rest;
  private final String jobName;
  private final List<String> resumeArgs;

  /**
   * @param resumeArgs the job's flags as given, repeated in the resume command printed after a
   *     savepoint
   */
  FlinkJobProcess(List<String> argv, FlinkRest rest, String jobName, List<String> resumeArgs) {
    this.argv = argv;
    this.rest = rest;
    this.jobName = jobName;
    this.resumeArgs = resumeArgs;
  }

  int run() throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    // As ManagedProcess does for detached services; without setsid(1) the client shares the
    // terminal's process group and Ctrl-C cancels the job before the savepoint.
    Executables.find("setsid").ifPresent(p -> cmd.add(p.toString()));
    cmd.addAll(argv);
    Process client = new ProcessBuilder(cmd).inheritIO().start();
    Thread hook = new Thread(() -> stop(client), "stop-flink-job");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      return client.waitFor();
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // Shutting down: the hook is running already.
      }
    }
  }

  /**
   * A savepoint needs every task running; after a failover (a TaskManager lost) the tasks take a
   * few seconds to deploy again. Waits for them, as long as the savepoint may take.
   */
  private void awaitTasksRunning(String id) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + SAVEPOINT_TIMEOUT.toNanos();
    while (!rest.allTasksRunning(id)) {
      if (System.nanoTime() > deadline) {
        throw new IOException("the job's tasks are not all running");
      }
      Thread.sleep(500);
    }
  }

  private void stop(Process client) {
    if (!client.isAlive()) {
      return;
    }
    Optional<FlinkRest.Job> job = Optional.empty();
    try {
      // RESTARTING (a TaskManager lost) too: awaitTasksRunning waits for the tasks to be back.
      job = rest.job(jobName).filter(j -> !j.isTerminal());
    } catch (IOException e) {
      System.err.println("courtside submit: cannot reach the JobManager (" + e.getMessage() + ")");
    }
    if (job.isPresent()) {
      String id = job.get().id();
      System.err.println("courtside submit: stopping job " + id + " with a savepoint...");
      try {
        awaitTasksRunning(id);
        String path = rest.stopWithSavepoint(id, null, SAVEPOINT_TIMEOUT);
        System.err.println("courtside submit: stopped with savepoint " + path);
        System.err.println(
            "courtside submit: resume with `courtside submit --runner=FlinkRunner --savepointPath="
                + path
                + (resumeArgs.isEmpty() ? "" : " " + String.join(" ", resumeArgs))
                + "`");
      } catch (IOException | RuntimeException e) {
        System.err.println(
            "courtside submit: no savepoint (" + e.getMessage() + "); cancelling the job");
        client.destroy();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        client.destroy();
      }
    } else {
      // Not running (yet): the client cancels whatever it has submitted.
      client.destroy();
    }
    try {
      if (!client.waitFor(Duration.ofSeconds(30).toSeconds(), TimeUnit.SECONDS)) {
        client.destroyForcibly();
      }
    } catch (InterruptedException e) {
      client.destroyForcibly();
    }
  }
}
