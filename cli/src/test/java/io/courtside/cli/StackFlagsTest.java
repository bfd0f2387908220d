package io.courtside.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;

import java.util.List;
import java.util.Map;
import org.junit.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** Every command that takes the stack's flags spells, explains and defaults them alike. */
public class StackFlagsTest {
  private static final Map<String, List<List<String>>> COMMANDS =
      Map.of(
          "--stateDir",
          List.of(
              List.of("demo"),
              List.of("stack", "start"),
              List.of("stack", "stop"),
              List.of("stack", "status"),
              List.of("spark", "start"),
              List.of("spark", "stop"),
              List.of("spark", "status"),
              List.of("submit")),
          "--kafkaPort",
          List.of(List.of("demo"), List.of("stack", "start")),
          "--influxPort",
          List.of(List.of("demo"), List.of("stack", "start")));

  @Test
  public void eachFlagHasOneHelpTextAndOneDefault() {
    CommandLine root = Courtside.commandLine();
    COMMANDS.forEach(
        (flag, commands) -> {
          OptionSpec first = option(root, commands.get(0), flag);
          for (List<String> path : commands) {
            OptionSpec o = option(root, path, flag);
            assertEquals(path + " " + flag, List.of(first.description()), List.of(o.description()));
            assertEquals(path + " " + flag, first.defaultValue(), o.defaultValue());
            assertEquals(path + " " + flag, first.paramLabel(), o.paramLabel());
          }
        });
  }

  @Test
  public void theDefaultsAreTheLocalStacks() {
    CommandLine root = Courtside.commandLine();
    root.parseArgs("demo");
    assertEquals(".courtside", option(root, List.of("demo"), "--stateDir").getValue().toString());
    assertEquals(9092, (int) option(root, List.of("demo"), "--kafkaPort").getValue());
    assertEquals(8086, (int) option(root, List.of("demo"), "--influxPort").getValue());
  }

  /**
   * A port out of range is the flag's own parse error, before anything starts (it was a stack trace
   * from the service once the stack was half started).
   */
  @Test
  public void aPortOutOfRangeIsRefusedAsItsFlag() {
    List<List<String>> refused =
        List.of(
            List.of("demo", "--kafkaPort=99999"),
            List.of("demo", "--influxPort=-1"),
            List.of("demo", "--dashboardPort=65536"),
            List.of("stack", "start", "--kafkaPort=70000"),
            List.of("spark", "start", "--masterPort=99999"),
            List.of("flink", "start", "--restPort=-2"),
            List.of("stack", "start", "--influxPort=eighty"));
    for (List<String> args : refused) {
      String flag = args.get(args.size() - 1);
      CommandLine.ParameterException e =
          org.junit.Assert.assertThrows(
              args.toString(),
              CommandLine.ParameterException.class,
              () -> Courtside.commandLine().parseArgs(args.toArray(String[]::new)));
      assertEquals(
          args.toString(),
          "Invalid value for option '"
              + flag.substring(0, flag.indexOf('='))
              + "': '"
              + flag.substring(flag.indexOf('=') + 1)
              + (flag.endsWith("eighty")
                  ? "' is not a port number"
                  : "' is not a port: give 1 to 65535, or 0 for any free port"),
          e.getMessage());
    }
    Courtside.commandLine().parseArgs("demo", "--kafkaPort=0", "--influxPort=65535");
  }

  private static OptionSpec option(CommandLine root, List<String> path, String flag) {
    CommandLine c = root;
    for (String name : path) {
      c = c.getSubcommands().get(name);
      assertNotNull(path.toString(), c);
    }
    OptionSpec o = c.getCommandSpec().findOption(flag);
    assertNotNull(path + " has no " + flag, o);
    return o;
  }
}
