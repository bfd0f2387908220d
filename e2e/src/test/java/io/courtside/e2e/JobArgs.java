package io.courtside.e2e;

import io.courtside.services.stack.LocalStack;
import java.util.ArrayList;
import java.util.List;

/** The pipeline flags the end-to-end tests build their jobs from. */
final class JobArgs {
  /**
   * For a DirectRunner job in the test's JVM: checks off (as `courtside pipeline`), no blocking
   * run().
   */
  static final List<String> DIRECT_IN_PROCESS =
      List.of("--enforceImmutability=false", "--enforceEncodability=false", "--blockOnRun=false");

  private JobArgs() {}

  /**
   * The stack's broker and influxd, {@code topic} and its dead-letter topic, {@code database}; then
   * {@code extra}.
   */
  static List<String> of(LocalStack stack, String topic, String database, String... extra) {
    List<String> a =
        new ArrayList<>(
            List.of(
                "--bootstrapServers=" + stack.kafkaBootstrap(),
                "--topic=" + topic,
                "--influxUrl=" + stack.influxUrl(),
                "--influxDatabase=" + database));
    a.addAll(List.of(extra));
    return a;
  }

  /** {@link #of(LocalStack, String, String, String...)} of the rule's stack. */
  static List<String> of(StackRule stack, String topic, String database, String... extra) {
    return of(stack.stack(), topic, database, extra);
  }

  /**
   * Starts the job of {@code args} (plus {@link #DIRECT_IN_PROCESS}) in this JVM; does not wait.
   */
  static org.apache.beam.sdk.PipelineResult start(List<String> args) {
    List<String> all = new ArrayList<>(args);
    all.addAll(DIRECT_IN_PROCESS);
    return io.courtside.pipeline.launch.PipelineLauncher.start(
        io.courtside.pipeline.launch.PipelineLauncher.parse(all.toArray(new String[0])));
  }

  /** {@link #of} plus {@link #DIRECT_IN_PROCESS}, as the array {@code parseOptions} takes. */
  static String[] inProcess(StackRule stack, String topic, String database, String... extra) {
    List<String> a = of(stack.stack(), topic, database, extra);
    a.addAll(DIRECT_IN_PROCESS);
    return a.toArray(new String[0]);
  }
}
