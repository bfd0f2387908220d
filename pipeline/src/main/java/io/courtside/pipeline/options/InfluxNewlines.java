package io.courtside.pipeline.options;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** {@code --influxNewlines}: how a newline inside a string field (post text) is sent. */
public enum InfluxNewlines {
  /** As it is: InfluxDB 1.x/2.x keep it inside the quotes. */
  RAW,
  /** Backslash-newline: what QuestDB expects. */
  ESCAPED;

  /** How Beam reads the flag: any case; the error names the flag. */
  @JsonCreator
  public static InfluxNewlines parse(String value) {
    if ("raw".equalsIgnoreCase(value)) {
      return RAW;
    }
    if ("escaped".equalsIgnoreCase(value)) {
      return ESCAPED;
    }
    throw new FlagException("--influxNewlines=" + value + " is not raw or escaped");
  }

  /** As the flag spells it, in help and in the options a runner shows. */
  @JsonValue
  public String flagValue() {
    return name().toLowerCase(Locale.ROOT);
  }
}
