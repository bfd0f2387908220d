package io.courtside.pipeline.entity;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The teams and players Courtside tags posts with. A file is YAML ({@code .yaml}/{@code .yml}) or
 * JSON ({@code .json}) of the form {@code {entities: [{name, kind, aliases, capitalised, tags}]}}
 * (see {@link Entity}); {@link #nba()} is the shipped default, {@code nba-watchlist.yaml} in this
 * package, which is also the example to copy. Read when the job is built and shipped inside the
 * transform, so workers need no copy of the file.
 */
public record Watchlist(List<Entity> entities) implements Serializable {
  static final String DEFAULT_RESOURCE = "nba-watchlist.yaml";

  @JsonCreator
  public Watchlist(@JsonProperty(value = "entities", required = true) List<Entity> entities) {
    if (entities == null || entities.isEmpty()) {
      throw new IllegalArgumentException("the watchlist has no entities");
    }
    Set<String> names = new HashSet<>();
    for (Entity e : entities) {
      if (!names.add(e.name())) {
        throw new IllegalArgumentException("entity '" + e.name() + "' is listed twice");
      }
    }
    this.entities = List.copyOf(entities);
    EntityMatcher.of(this); // alias conflicts between entities are errors now, not on workers
  }

  /** The shipped list: the 30 NBA teams and a starter list of players. */
  public static Watchlist nba() {
    try (InputStream in = Watchlist.class.getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + DEFAULT_RESOURCE);
      }
      return strict(new YAMLMapper()).readValue(in, Watchlist.class);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the default watchlist", e);
    }
  }

  /** Reads a YAML or JSON watchlist file; errors say which file and what is wrong. */
  public static Watchlist read(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    ObjectMapper mapper;
    if (name.endsWith(".json")) {
      mapper = new JsonMapper();
    } else if (name.endsWith(".yaml") || name.endsWith(".yml")) {
      mapper = new YAMLMapper();
    } else {
      throw new IllegalArgumentException(file + ": a watchlist file ends in .yaml, .yml or .json");
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new IllegalArgumentException(file + ": no such file", e);
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": cannot read it (" + e + ")", e);
    }
    try {
      return strict(mapper).readValue(bytes, Watchlist.class);
    } catch (IOException e) {
      // Jackson wraps our own IllegalArgumentExceptions; show the innermost reason.
      Throwable cause = e;
      while (cause.getCause() != null) {
        cause = cause.getCause();
      }
      throw new IllegalArgumentException(file + ": " + cause.getMessage(), e);
    }
  }

  public List<String> names() {
    List<String> out = new ArrayList<>();
    entities.forEach(e -> out.add(e.name()));
    return out;
  }

  private static ObjectMapper strict(ObjectMapper mapper) {
    // A misspelt key ("alias:") must fail loudly rather than silently match nothing.
    return mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }
}
