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
