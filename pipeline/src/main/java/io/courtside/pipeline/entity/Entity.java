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
}
