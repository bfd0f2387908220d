package io.courtside.pipeline.options;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** {@code --influxApi}: the write API of the InfluxDB the points go to. */
public enum InfluxApi {
  /** {@code POST /write?db=}, Basic auth: InfluxDB 1.x and every later version. */
  V1,
  /**
   * {@code POST /api/v2/write?org=&bucket=}, {@code Authorization: Token}: InfluxDB 2.x/3.x,
   * QuestDB.
   */
  V2;

  /** How Beam reads the flag: any case, blanks around it ignored; the error names the flag. */
  @JsonCreator
  public static InfluxApi parse(String value) {
    String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    switch (v) {
      case "v1":
        return V1;
      case "v2":
        return V2;
      default:
        throw new FlagException("--influxApi=" + value + " is not v1 or v2");
    }
  }

  /** As the flag spells it, in help and in the options a runner shows. */
  @JsonValue
  public String flagValue() {
    return name().toLowerCase(Locale.ROOT);
  }
}
