package dev.syncengine.servlet.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.Credentials;
import dev.syncengine.core.model.DeleteMode;
import dev.syncengine.core.model.IngestionMode;
import dev.syncengine.core.model.PublishMode;
import dev.syncengine.core.model.ResourceRef;
import dev.syncengine.core.model.RetrySettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Applies a create or update body to a connection builder, collecting every invalid field instead
 * of stopping at the first. Not thread-safe: one per request.
 */
final class ConnectionRequests {
  private static final Set<String> FIELDS =
      Set.of(
          "id",
          "name",
          "source",
          "target",
          "ingestionMode",
          "publishMode",
          "deleteMode",
          "batchSize",
          "retry",
          "paused",
          "options",
          "credentials");
  private static final Set<String> REF_FIELDS = Set.of("type", "parentId", "id");
  private static final Set<String> RETRY_FIELDS =
      Set.of("initialDelayMs", "maxDelayMs", "maxAttempts");

  private final List<ApiException.Detail> problems = new ArrayList<>();
  private final Function<ConnectionConfig, List<ApiException.Detail>> adapterCheck;

  /**
   * @param adapterCheck what is wrong with a connection's source and target types (no adapter of
   *     that type), checked once every field is valid
   */
  ConnectionRequests(Function<ConnectionConfig, List<ApiException.Detail>> adapterCheck) {
    this.adapterCheck = adapterCheck;
  }

  private RetrySettings newRetry = RetrySettings.ofDefaults();

  /**
   * Builds a new connection from a create body, reporting every invalid field at once.
   *
   * @param defaultRetry the retry policy when the body gives none (fields it gives override it)
   */
  ConnectionConfig create(JsonNode body, RetrySettings defaultRetry) {
    this.newRetry = defaultRetry;
    JsonNode idNode = body.get("id");
    String id = "invalid";
    if (idNode == null || !idNode.isTextual() || !idNode.asText().matches("[A-Za-z0-9_-]{1,64}")) {
      problems.add(new ApiException.Detail("id", "must be 1-64 letters, digits, '-' or '_'"));
    } else {
      id = idNode.asText();
    }
    return apply(ConnectionConfig.builder(id).retry(defaultRetry), body, null);
  }

  /**
   * Applies the fields present in {@code body}; absent fields keep the builder's value.
   *
   * @param current the stored connection, or null on create
   */
  ConnectionConfig apply(ConnectionConfig.Builder b, JsonNode body, ConnectionConfig current) {
    unknown(body, FIELDS, "");
    text(body, "name").ifPresent(b::name);
    ResourceRef source = ref(body, "source", current == null ? null : current.source());
    ResourceRef target = ref(body, "target", current == null ? null : current.target());
    if (source != null) {
      b.source(source);
    }
    if (target != null) {
      b.target(target);
    }
    if (current == null && source == null && !has(body, "source")) {
      problems.add(new ApiException.Detail("source", "required"));
    }
    if (current == null && target == null && !has(body, "target")) {
      problems.add(new ApiException.Detail("target", "required"));
    }
    enumValue(body, IngestionMode.class, "ingestionMode", b::ingestionMode);
    enumValue(body, PublishMode.class, "publishMode", b::publishMode);
    enumValue(body, DeleteMode.class, "deleteMode", b::deleteMode);
    if (has(body, "batchSize")) {
      JsonNode n = body.get("batchSize");
      if (!n.canConvertToInt() || !n.isIntegralNumber() || n.asInt() < 1 || n.asInt() > 100) {
        problems.add(new ApiException.Detail("batchSize", "must be an integer 1-100"));
      } else {
        b.batchSize(n.asInt());
      }
    }
    if (has(body, "retry")) {
      retry(body.get("retry"), current == null ? newRetry : current.retry()).ifPresent(b::retry);
    }
    if (has(body, "paused")) {
      if (!body.get("paused").isBoolean()) {
        problems.add(new ApiException.Detail("paused", "must be true or false"));
      } else {
        b.paused(body.get("paused").asBoolean());
      }
    }
    if (has(body, "options")) {
      Map<String, String> opts = stringMap(body.get("options"), "options", false);
      if (opts != null) {
        b.options(opts);
      }
    }
    Credentials creds = current == null ? Credentials.empty() : current.credentials();
    if (has(body, "credentials")) {
      Map<String, String> given = stringMap(body.get("credentials"), "credentials", true);
      if (given != null) {
        for (Map.Entry<String, String> e : given.entrySet()) {
          if (e.getKey().equals(Credentials.WEBHOOK_TOKEN)) {
            problems.add(
                new ApiException.Detail(
                    "credentials." + e.getKey(), "generated by the server; rotate it instead"));
            continue;
          }
          creds = creds.with(e.getKey(), e.getValue());
        }
      }
    }
    b.credentials(creds);
    boolean sidesValid =
        problems.stream()
            .noneMatch(p -> p.field().startsWith("source") || p.field().startsWith("target"));
    if (sidesValid && (current != null || (source != null && target != null))) {
      problems.addAll(adapterCheck.apply(b.build()));
    }
    if (!problems.isEmpty()) {
      throw ApiException.invalid(problems);
    }
    return b.build();
  }

  private void unknown(JsonNode n, Set<String> known, String prefix) {
    Iterator<String> names = n.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!known.contains(name)) {
        problems.add(
            new ApiException.Detail(
                prefix + name, "unknown field; known: " + String.join(", ", new TreeSet<>(known))));
      }
    }
  }

  List<ApiException.Detail> problems() {
    return problems;
  }

  static boolean has(JsonNode body, String field) {
    return body.has(field) && !body.get(field).isNull();
  }

  private java.util.Optional<String> text(JsonNode body, String field) {
    if (!has(body, field)) {
      return java.util.Optional.empty();
    }
    JsonNode n = body.get(field);
    if (!n.isTextual() || n.asText().isBlank() || n.asText().length() > 200) {
      problems.add(
          new ApiException.Detail(field, "must be a non-empty string of at most 200 chars"));
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(n.asText());
  }

  private <E extends Enum<E>> void enumValue(
      JsonNode body, Class<E> type, String field, java.util.function.Consumer<E> set) {
    if (!has(body, field)) {
      return;
    }
    JsonNode v = body.get(field);
    try {
      if (!v.isTextual()) {
        throw new IllegalArgumentException();
      }
      set.accept(Enum.valueOf(type, v.asText().toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      problems.add(
          new ApiException.Detail(
              field, "must be one of " + java.util.Arrays.toString(type.getEnumConstants())));
    }
  }

  private ResourceRef ref(JsonNode body, String field, ResourceRef current) {
    if (!has(body, field)) {
      return null;
    }
    JsonNode n = body.get(field);
    if (!n.isObject()) {
      problems.add(new ApiException.Detail(field, "must be an object {type, parentId, id}"));
      return null;
    }
    unknown(n, REF_FIELDS, field + ".");
    String type = refText(n, field, "type", current == null ? null : current.type(), true);
    String parent =
        refText(n, field, "parentId", current == null ? null : current.parentId(), false);
    String id = refText(n, field, "id", current == null ? null : current.id(), true);
    return type == null || id == null ? null : new ResourceRef(type, parent, id);
  }

  private String refText(JsonNode n, String field, String key, String fallback, boolean required) {
    JsonNode v = n.get(key);
    if (v == null || v.isNull()) {
      if (required && fallback == null) {
        problems.add(new ApiException.Detail(field + "." + key, "required"));
      }
      return fallback;
    }
    if (!v.isTextual() || v.asText().isBlank() || v.asText().length() > 200) {
      problems.add(new ApiException.Detail(field + "." + key, "must be a non-empty string"));
      return null;
    }
    return v.asText();
  }

  private java.util.Optional<RetrySettings> retry(JsonNode n, RetrySettings current) {
    if (!n.isObject()) {
      problems.add(new ApiException.Detail("retry", "must be an object"));
      return java.util.Optional.empty();
    }
    unknown(n, RETRY_FIELDS, "retry.");
    long initial = longField(n, "initialDelayMs", current.initialDelay().toMillis());
    long max = longField(n, "maxDelayMs", current.maxDelay().toMillis());
    long attempts = longField(n, "maxAttempts", current.maxAttempts());
    if (attempts < 1 || attempts > 1000) {
      problems.add(new ApiException.Detail("retry.maxAttempts", "must be an integer 1-1000"));
      return java.util.Optional.empty();
    }
    try {
      return java.util.Optional.of(
          new RetrySettings(Duration.ofMillis(initial), Duration.ofMillis(max), (int) attempts));
    } catch (IllegalArgumentException e) {
      problems.add(new ApiException.Detail("retry", e.getMessage()));
      return java.util.Optional.empty();
    }
  }

  private long longField(JsonNode n, String key, long fallback) {
    JsonNode v = n.get(key);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < 0) {
      problems.add(new ApiException.Detail("retry." + key, "must be a non-negative integer"));
      return fallback;
    }
    return v.asLong();
  }

  /** A flat string map; with {@code allowNull}, null values mean "remove". */
  private Map<String, String> stringMap(JsonNode n, String field, boolean allowNull) {
    if (!n.isObject()) {
      problems.add(new ApiException.Detail(field, "must be an object of strings"));
      return null;
    }
    Map<String, String> out = new TreeMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = n.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = e.getValue();
      if (e.getKey().isBlank() || e.getKey().length() > 100) {
        problems.add(new ApiException.Detail(field, "keys must be 1-100 characters"));
      } else if (v.isNull() && allowNull) {
        out.put(e.getKey(), null);
      } else if (!v.isTextual() || v.asText().length() > 8192) {
        // Never echo the value: it may be a secret.
        problems.add(new ApiException.Detail(field + "." + e.getKey(), "must be a string"));
      } else {
        out.put(e.getKey(), v.asText());
      }
    }
    return out;
  }
}
