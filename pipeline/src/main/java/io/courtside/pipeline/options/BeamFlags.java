package io.courtside.pipeline.options;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Beam's options parser names neither the flag nor what it accepts when a number or a boolean does
 * not parse (it passes on Jackson's {@code Cannot deserialize value of type `int` from String
 * "abc"}), and calls an unknown flag a missing property of an interface. These checks run before it
 * and put its refusals in the flags' own words.
 */
public final class BeamFlags {
  private static final Pattern UNKNOWN =
      Pattern.compile("Class interface \\S+ missing a property named '([^']*)'\\.\\s*(.*)");
  private static final Pattern DID_YOU_MEAN = Pattern.compile("'([^']*)'");

  /** What Beam's parser (Jackson) takes for a boolean. */
  private static final Set<String> BOOLEANS =
      Set.of("true", "True", "TRUE", "false", "False", "FALSE");

  /**
   * The runners' flags that count threads, elements or milliseconds, with what they count: Beam
   * hands them on unchecked, and below 1 the runner fails with a stack trace (the DirectRunner's
   * thread pool with a bare IllegalArgumentException for {@code --targetParallelism=0}, Spark with
   * "Minimum read time has to be less than batch time" for {@code --batchIntervalMillis=0}), or the
   * launcher's own choice is added beside it ({@code --parallelism}). A flag applies only where its
   * runner registered its options.
   */
  private static final Map<String, String> AT_LEAST_ONE =
      Map.of(
          "targetParallelism", "the DirectRunner's worker threads",
          "parallelism", "the Flink job's parallelism; leave it out for the default",
          "maxBundleSize", "the most elements of a Flink bundle",
          "maxBundleTimeMills", "how long a Flink bundle stays open, in milliseconds",
          "batchIntervalMillis", "Spark's micro-batch, in milliseconds");

  private BeamFlags() {}

  /**
   * Refuses a {@code --name=value} whose getter on one of {@code options} (the job's and the
   * runners' option interfaces) returns a number or a boolean that {@code value} is not.
   */
  public static void checkValues(Collection<? extends Class<?>> options, String... args) {
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (!arg.startsWith("--") || eq < 0) {
        continue;
      }
      String name = arg.substring(2, eq);
      String value = arg.substring(eq + 1);
      Class<?> type = propertyType(options, name);
      if (type == null) {
        continue;
      }
      if (type == boolean.class || type == Boolean.class) {
        if (!BOOLEANS.contains(value)) {
          throw new FlagException(arg + " is not true or false");
        }
      } else if (type == int.class || type == Integer.class) {
        atLeastOne(name, whole(arg, value, Integer.MIN_VALUE, Integer.MAX_VALUE));
      } else if (type == long.class || type == Long.class) {
        atLeastOne(name, whole(arg, value, Long.MIN_VALUE, Long.MAX_VALUE));
      }
    }
  }

  /**
   * Refuses a flag given more than once whose property on one of {@code options} holds one value
   * (Beam said only {@code expected one element but was: <a, b>}, naming no flag). A flag whose
   * property is a list or an array ({@code --experiments}) may repeat: Beam collects its values.
   */
  public static void checkGivenOnce(Collection<? extends Class<?>> options, String... args) {
    Map<String, List<String>> given = new LinkedHashMap<>();
    for (String arg : args) {
      if (!arg.startsWith("--") || arg.length() == 2) {
        continue;
      }
      int eq = arg.indexOf('=');
      String name = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
      // A flag without a value is a boolean's true, as Beam reads it.
      given
          .computeIfAbsent(name, n -> new ArrayList<>())
          .add(eq < 0 ? "true" : arg.substring(eq + 1));
    }
    given.forEach(
        (name, values) -> {
          if (values.size() < 2) {
            return;
          }
          Class<?> type = propertyType(options, name);
          if (type == null || type.isArray() || Collection.class.isAssignableFrom(type)) {
            return;
          }
          throw new FlagException(
              "--"
                  + name
                  + " is given "
                  + (values.size() == 2 ? "twice" : values.size() + " times")
                  + " ("
                  + String.join(", ", values)
                  + "): give it once");
        });
  }

  /**
   * Refuses {@code --help=NAME} when NAME is neither {@code true} nor an options interface of
   * {@code options} (by its name or simple name, as Beam finds it). Beam printed "Unable to find
   * option yes." and its list of interfaces, then ended the JVM with exit 0, as if help had been
   * asked for; every other command refuses a value of {@code --help} as a usage error.
   */
  public static void checkHelp(Collection<? extends Class<?>> options, String... args) {
    for (String arg : args) {
      if (!arg.startsWith("--help=")) {
        continue;
      }
      String name = arg.substring("--help=".length());
      if (name.equals("true")
          || options.stream()
              .anyMatch(c -> c.getName().equals(name) || c.getSimpleName().equals(name))) {
        continue;
      }
      throw new FlagException(
          arg
              + " names no options interface: give --help for every flag, or --help=NAME for the"
              + " flags of one of "
              + options.stream()
                  .map(Class::getSimpleName)
                  .distinct()
                  .sorted()
                  .collect(java.util.stream.Collectors.joining(", ")));
    }
  }

  /**
   * Beam's refusal {@code e} of an unknown flag, said as one (with Beam's suggestion, if any); any
   * other refusal unchanged.
   */
  public static IllegalArgumentException explain(IllegalArgumentException e) {
    Matcher m = UNKNOWN.matcher(String.valueOf(e.getMessage()));
    if (!m.matches()) {
      return e;
    }
    StringBuilder out = new StringBuilder("--" + m.group(1) + " is not a flag of this job");
    Matcher suggestion = DID_YOU_MEAN.matcher(m.group(2));
    String sep = ": did you mean ";
    while (suggestion.find()) {
      out.append(sep).append("--").append(suggestion.group(1));
      sep = " or ";
    }
    return new FlagException(out + (sep.equals(" or ") ? "?" : ""));
  }

  private static void atLeastOne(String name, long n) {
    String what = AT_LEAST_ONE.get(name);
    if (what != null && n < 1) {
      throw new FlagException("--" + name + " must be at least 1, got " + n + " (" + what + ")");
    }
  }

  private static long whole(String arg, String value, long min, long max) {
    long n;
    try {
      n = Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      throw new FlagException(
          value.strip().matches("-?\\d+")
              ? arg + " is out of range (" + min + " to " + max + ")"
              : arg + " is not a whole number");
    }
    if (n < min || n > max) {
      throw new FlagException(arg + " is out of range (" + min + " to " + max + ")");
    }
    return n;
  }

  /** Whether {@code --name} is a flag of one of {@code options}. */
  public static boolean isFlag(Collection<? extends Class<?>> options, String name) {
    return propertyType(options, name) != null;
  }

  /** The type of the property {@code name} of any of {@code options}, or null if none has it. */
  private static Class<?> propertyType(Collection<? extends Class<?>> options, String name) {
    if (name.isEmpty()) {
      return null;
    }
    String cap = name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
    for (Class<?> type : options) {
      for (Method m : type.getMethods()) {
        if (m.getParameterCount() == 0
            && (m.getName().equals("get" + cap) || m.getName().equals("is" + cap))) {
          return m.getReturnType();
        }
      }
    }
    return null;
  }
}
