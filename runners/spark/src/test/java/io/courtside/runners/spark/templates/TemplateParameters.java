package io.courtside.runners.spark.templates;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.courtside.pipeline.options.CourtsideOptions;
import io.courtside.pipeline.options.Durations;
import java.beans.Introspector;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.beam.runners.spark.SparkPipelineOptions;
import org.apache.beam.sdk.metrics.MetricsOptions;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.Validation;

/**
 * Launch-template parameters generated from the options interfaces, so help, defaults and patterns
 * are written once, in code: every option Courtside declares, plus the runner options a template
 * chose by name (e.g. {@code checkpointDir} from Beam's {@link SparkPipelineOptions}).
 */
final class TemplateParameters {
  /** Where runner options are looked up: the job's flags and the Spark runner's. */
  private static final List<Class<?>> RUNNER_OPTIONS =
      List.of(CourtsideOptions.class, SparkPipelineOptions.class, MetricsOptions.class);

  static final String DURATION = "[0-9]+(ms|s|m|h|d)|P[0-9A-Za-z.]+";

  private TemplateParameters() {}

  /** Getters of the interfaces in Courtside's options package, interface by interface. */
  static List<Method> courtsideGetters() {
    Set<Class<?>> own = new LinkedHashSet<>();
    collect(CourtsideOptions.class, own);
    List<Method> getters = new ArrayList<>();
    for (Class<?> iface : own) {
      List<Method> declared = new ArrayList<>();
      for (Method m : iface.getDeclaredMethods()) {
        if (property(m).isPresent()) {
          declared.add(m);
        }
      }
      declared.sort((a, b) -> a.getName().compareTo(b.getName()));
      getters.addAll(declared);
    }
    return getters;
  }

  private static void collect(Class<?> iface, Set<Class<?>> out) {
    if (iface.getPackageName().equals(CourtsideOptions.class.getPackageName())
        && iface != CourtsideOptions.class) {
      out.add(iface);
    }
    for (Class<?> parent : iface.getInterfaces()) {
      collect(parent, out);
    }
  }

  /** The getter of a runner option by property name, from {@link #RUNNER_OPTIONS}. */
  static Optional<Method> runnerGetter(String name) {
    for (Class<?> iface : RUNNER_OPTIONS) {
      for (Method m : iface.getMethods()) {
        if (property(m).filter(name::equals).isPresent()) {
          return Optional.of(m);
        }
      }
    }
    return Optional.empty();
  }

  static Optional<String> property(Method m) {
    if (m.getParameterCount() != 0) {
      return Optional.empty();
    }
    String n = m.getName();
    if (n.startsWith("get") && n.length() > 3) {
      return Optional.of(Introspector.decapitalize(n.substring(3)));
    }
    if (n.startsWith("is")
        && n.length() > 2
        && (m.getReturnType() == boolean.class || m.getReturnType() == Boolean.class)) {
      return Optional.of(Introspector.decapitalize(n.substring(2)));
    }
    return Optional.empty();
  }

  /** {name, help, required, default, pattern} of one option, as the template holds it. */
  static ObjectNode parameter(ObjectMapper json, Method getter) {
    ObjectNode p = json.createObjectNode();
    String name = property(getter).orElseThrow();
    Description d = getter.getAnnotation(Description.class);
    String def = defaultValue(getter);
    p.put("name", name);
    p.put("help", d == null ? "" : d.value());
    p.put("required", getter.isAnnotationPresent(Validation.Required.class));
    if (def == null) {
      p.putNull("default");
    } else {
      p.put("default", def);
    }
    p.put("pattern", pattern(getter.getReturnType(), def));
    return p;
  }

  static String defaultValue(Method getter) {
    Map<Class<? extends Annotation>, java.util.function.Function<Annotation, String>> kinds =
        new LinkedHashMap<>();
    kinds.put(Default.String.class, a -> ((Default.String) a).value());
    kinds.put(Default.Integer.class, a -> Integer.toString(((Default.Integer) a).value()));
    kinds.put(Default.Long.class, a -> Long.toString(((Default.Long) a).value()));
    kinds.put(Default.Boolean.class, a -> Boolean.toString(((Default.Boolean) a).value()));
    kinds.put(Default.Double.class, a -> Double.toString(((Default.Double) a).value()));
    kinds.put(Default.Class.class, a -> ((Default.Class) a).value().getName());
    kinds.put(
        Default.Enum.class, a -> flagValue(getter.getReturnType(), ((Default.Enum) a).value()));
    for (var kind : kinds.entrySet()) {
      Annotation a = getter.getAnnotation(kind.getKey());
      if (a != null) {
        return kind.getValue().apply(a);
      }
    }
    return null;
  }

  /** A pattern from the type; Strings whose default is a duration get the duration syntax. */
  static String pattern(Class<?> type, String def) {
    if (type == boolean.class || type == Boolean.class) {
      return "true|false";
    }
    if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
      return "-?[0-9]+";
    }
    if (type == double.class || type == Double.class) {
      return "-?[0-9]+(\\.[0-9]+)?";
    }
    if (type == Class.class) {
      return "[A-Za-z_$][A-Za-z0-9_$.]*";
    }
    if (type.isEnum()) {
      List<String> values = new ArrayList<>();
      for (Object constant : type.getEnumConstants()) {
        values.add(flagValue(type, ((Enum<?>) constant).name()));
      }
      return String.join("|", values);
    }
    if (def != null && isDuration(def)) {
      return DURATION;
    }
    // An empty default means "not set": the empty value must pass its own pattern.
    return def != null && def.isEmpty() ? ".*" : ".+";
  }

  /** An enum constant as its flag spells it (its Jackson value, which is what Beam parses). */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static String flagValue(Class<?> type, String constant) {
    return new ObjectMapper().convertValue(Enum.valueOf((Class) type, constant), String.class);
  }

  private static boolean isDuration(String value) {
    try {
      Durations.parse("x", value);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
