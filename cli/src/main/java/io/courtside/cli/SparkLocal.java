package io.courtside.cli;

import io.courtside.services.spark.SparkException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code pipeline --runner=SparkRunner}: the job in Spark {@code local[N]}, via spark-submit. */
final class SparkLocal {
  private SparkLocal() {}

  static int run(List<String> beamArgs) throws Exception {
    String master = "local[" + Runtime.getRuntime().availableProcessors() + "]";
    List<String> rest = new ArrayList<>();
    for (String a : beamArgs) {
      if (a.startsWith("--sparkMaster=")) {
        // Under spark-submit the master is spark-submit's, not the runner's option.
        master = a.substring("--sparkMaster=".length());
      } else {
        rest.add(a);
      }
    }
    if (!master.startsWith("local")) {
      System.err.println(
          "courtside pipeline: --sparkMaster="
              + master
              + " is not local[N]; use"
              + " `courtside submit --master="
              + master
              + "` for a cluster.");
      return 2;
    }
    try {
      List<String> argv = SubmitCommand.command(master, Map.of(), rest);
      System.err.println(
          "courtside pipeline: SparkRunner in " + master + " (spark-submit, driver log follows)");
      return ForegroundProcess.run(argv);
    } catch (SparkException | IllegalArgumentException e) {
      System.err.println("courtside pipeline: " + e.getMessage());
      return 2;
    }
  }
}
