package io.courtside.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import java.util.ArrayList;
import java.util.List;
import org.junit.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every negatable flag of every command means what it says: {@code --x} sets it, {@code --no-x}
 * clears it, whatever its default. Picocli flips both for a negatable flag that defaults to true
 * unless it has a fallback value; `courtside bench --no-profile` profiled for that reason.
 */
public class NegatableFlagsTest {

  @Test
  public void theFlagSetsItAndItsNegationClearsIt() {
    List<String> checked = new ArrayList<>();
    walk(Courtside.commandLine(), new ArrayList<>(), checked);
    assertFalse("no negatable flag found: the walk is broken", checked.isEmpty());
  }

  private static void walk(CommandLine c, List<String> path, List<String> checked) {
    for (OptionSpec o : c.getCommandSpec().options()) {
      if (!o.negatable() || o.type() != boolean.class && o.type() != Boolean.class) {
        continue;
      }
      String name = o.longestName();
      String negated = "--no-" + name.substring(2);
      assertEquals(path + " " + name, Boolean.TRUE, valueAfter(path, name, name));
      assertEquals(path + " " + negated, Boolean.FALSE, valueAfter(path, negated, name));
      checked.add(path + " " + name);
    }
    c.getSubcommands()
        .forEach(
            (sub, cl) -> {
              List<String> next = new ArrayList<>(path);
              next.add(sub);
              walk(cl, next, checked);
            });
  }

  /** The flag's value after parsing {@code path arg} on a fresh command line. */
  private static Object valueAfter(List<String> path, String arg, String name) {
    CommandLine root = Courtside.commandLine();
    List<String> args = new ArrayList<>(path);
    args.add(arg);
    root.parseArgs(args.toArray(String[]::new));
    CommandLine c = root;
    for (String sub : path) {
      c = c.getSubcommands().get(sub);
    }
    return c.getCommandSpec().findOption(name).getValue();
  }
}
