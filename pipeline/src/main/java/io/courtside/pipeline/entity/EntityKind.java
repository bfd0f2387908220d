package io.courtside.pipeline.entity;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Locale;

/** What an entity of the watchlist is; written as the {@code kind} tag of {@code entity_window}. */
public enum EntityKind {
  TEAM,
  PLAYER;

  /** The tag value written to InfluxDB, and the spelling used in watchlist files. */
  public String tag() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static EntityKind of(String s) {
    for (EntityKind k : values()) {
      if (k.tag().equalsIgnoreCase(s == null ? "" : s.trim())) {
        return k;
      }
    }
    throw new IllegalArgumentException("kind must be 'team' or 'player', got '" + s + "'");
  }
}
