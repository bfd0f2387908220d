package io.courtside.e2e;

import io.courtside.services.stack.InfluxdProcess;
import io.courtside.services.stack.KafkaBrokerProcess;
import io.courtside.services.stack.LocalStack;
import io.courtside.services.stack.ManagedProcess;
import io.courtside.services.stack.StackConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.AssumptionViolatedException;
import org.junit.rules.TestRule;
import org.junit.runner.Description;
import org.junit.runners.model.Statement;

/**
 * A local stack for end-to-end tests: a KRaft broker and influxd on free 127.0.0.1 ports, in a new
 * temporary state folder, started before and stopped by PID after, with every service a test
 * restarted ({@link #stopAfter}). When a test fails, the last lines of the broker's and influxd's
 * logs are printed (failsafe keeps them in {@code *-output.txt}).
 *
 * <p>One stack per class: {@code @ClassRule @Rule public static final StackRule stack = ...} (as a
 * {@code @Rule} too, so a failing test prints the logs). One stack per test, for tests that stop or
 * kill a service: {@code @Rule public final StackRule stack = ...}.
 */
final class StackRule implements TestRule {
  private static final int LOG_LINES = 60;

  private final String prefix;
  private final List<ManagedProcess> restarted = new ArrayList<>();
  private Path stateDir;
  private LocalStack stack;

  /**
   * @param prefix of the temporary state folder's name, e.g. {@code courtside-faults}
   */
  StackRule(String prefix) {
    this.prefix = prefix;
  }

  @Override
  public Statement apply(Statement base, Description description) {
    return new Statement() {
      @Override
      public void evaluate() throws Throwable {
        // A class's stack is already up when its tests run: they only print the logs on failure.
        boolean owner = stack == null;
        if (owner) {
          start();
        }
        boolean failed = false;
        try {
          base.evaluate();
        } catch (AssumptionViolatedException skipped) {
          throw skipped; // a skipped test (e.g. a soak not asked for) has no logs to show
        } catch (Throwable failure) {
          failed = true;
          printLogs(description);
          throw failure;
        } finally {
          if (owner) {
            stop(failed);
          }
        }
      }
    };
  }

  private void start() throws Exception {
    stateDir = Files.createTempDirectory(prefix);
    stack = LocalStack.start(stateDir, StackConfig.freePorts());
  }

  /** Stops the stack; deletes its state folder, unless a test failed (then it says where). */
  private void stop(boolean keepState) {
    try {
      restarted.forEach(p -> p.stop(Duration.ofSeconds(30)));
      restarted.clear();
      stack.close();
    } finally {
      stack = null;
    }
    if (keepState) {
      System.out.println("== the failed test's stack state is kept in " + stateDir);
    } else {
      TempDirs.delete(stateDir);
    }
  }

  private void printLogs(Description failed) {
    if (stateDir == null) {
      return;
    }
    for (Path log :
        List.of(KafkaBrokerProcess.logFile(stateDir), InfluxdProcess.logFile(stateDir))) {
      System.out.println(
          "== " + failed.getDisplayName() + " failed; the last lines of " + log + ":");
      System.out.println(ManagedProcess.tail(log, LOG_LINES));
    }
  }

  /** Stops {@code process} (a service the test started again) with the stack. */
  void stopAfter(ManagedProcess process) {
    restarted.add(process);
  }

  LocalStack stack() {
    return stack;
  }

  Path stateDir() {
    return stateDir;
  }

  String kafkaBootstrap() {
    return stack.kafkaBootstrap();
  }

  String influxUrl() {
    return stack.influxUrl();
  }

  Optional<ManagedProcess> kafka() {
    return stack.kafka();
  }

  Optional<ManagedProcess> influxd() {
    return stack.influxd();
  }
}
