package io.courtside.pipeline.entity;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.Serializable;
import java.util.List;

/**
 * One team or player of the watchlist, as written in a watchlist file.
 *
 * @param name the {@code entity} tag value in InfluxDB (unique in the watchlist)
 * @param aliases words or phrases that name it in any letter case ("Lakers", "Los Angeles Lakers")
 * @param capitalised words or phrases that name it only when every word starts with a capital
 *     letter, because in lower case they are ordinary English ("Heat" the team, "heat" the word)
 * @param tags extra hashtags and @handles, without '#' or '@', matched in any case ("LakeShow",
 *     "MiamiHEAT"); every alias and capitalised alias, written without spaces, is a tag as well
 */
public record Entity(
    String name, EntityKind kind, List<String> aliases, List<String> capitalised, List<String> tags)
    implements Serializable {

  @JsonCreator
  public Entity(
      @JsonProperty(value = "name", required = true) String name,
      @JsonProperty(value = "kind", required = true) EntityKind kind,
      @JsonProperty("aliases") List<String> aliases,
      @JsonProperty("capitalised") List<String> capitalised,
      @JsonProperty("tags") List<String> tags) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("an entity has no name");
    }
    if (kind == null) {
      throw new IllegalArgumentException("entity '" + name + "' has no kind (team or player)");
    }
    this.name = name.trim();
    checkTagValue(this.name);
    this.kind = kind;
    this.aliases = aliases == null ? List.of() : List.copyOf(aliases);
    this.capitalised = capitalised == null ? List.of() : List.copyOf(capitalised);
    this.tags = tags == null ? List.of() : List.copyOf(tags);
    if (this.aliases.isEmpty() && this.capitalised.isEmpty() && this.tags.isEmpty()) {
      throw new IllegalArgumentException(
          "entity '"
              + name
              + "' has no aliases, capitalised aliases or tags: nothing can match it");
    }
  }

  /**
   * The name is the {@code entity} tag of InfluxDB's points, and line protocol cannot carry every
   * string there: a control character (a tab, a line break) is written as its escape and stored as
   * those two characters, and a name ending in a backslash escapes the comma after it, so InfluxDB
   * refuses the point. Either would leave the entity's windows wrong or missing, so such a name is
   * refused when the watchlist is read. Other characters (spaces, commas, '=', quotes, a backslash
   * inside the name) are escaped and stored as written.
   */
  private static void checkTagValue(String name) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isISOControl(c)) {
        throw new IllegalArgumentException(
            String.format(
                "entity name %s holds a control character (U+%04X), which an InfluxDB tag cannot"
                    + " hold",
                quoted(name), (int) c));
      }
    }
    if (name.endsWith("\\")) {
      throw new IllegalArgumentException(
          "entity name "
              + quoted(name)
              + " ends with a backslash, which an InfluxDB tag cannot end with");
    }
  }

  /** The name in quotes, its control characters shown as escapes. */
  private static String quoted(String name) {
    StringBuilder sb = new StringBuilder("'");
    name.chars()
        .forEach(
            c -> {
              if (Character.isISOControl(c)) {
                sb.append(String.format("\\u%04X", c));
              } else {
                sb.append((char) c);
              }
            });
    return sb.append('\'').toString();
  }
}
