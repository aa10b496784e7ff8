package dev.syncengine.webflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Checks one HTTP request against Webflow's published OpenAPI description
 * (src/test/resources/webflow-openapi-v2.yml): the method exists for the path template, every query
 * parameter is declared and of its type, and the JSON body matches the request schema (required
 * properties, types, enums, no extra properties where forbidden, no read-only properties). As
 * OpenAPI says, a required read-only property is required in responses only: the live-create body
 * reuses the response item schema, which lists {@code id} and the timestamps as required.
 *
 * <p>{@code oneOf} is checked as "at least one alternative matches": the description's alternatives
 * overlap (e.g. publish's {@code itemIds} body also satisfies the {@code items} variant, which has
 * no required members), so strict one-of would reject the documented examples themselves.
 */
final class OpenApiContract {
  private static final String BASE_PATH = "/v2";
  private static volatile JsonNode spec;

  private OpenApiContract() {}

  static JsonNode spec() {
    if (spec == null) {
      synchronized (OpenApiContract.class) {
        if (spec == null) {
          LoaderOptions options = new LoaderOptions();
          options.setCodePointLimit(16 * 1024 * 1024);
          YAMLFactory yaml = YAMLFactory.builder().loaderOptions(options).build();
          try (InputStream in =
              OpenApiContract.class.getResourceAsStream("/webflow-openapi-v2.yml")) {
            spec = new ObjectMapper(yaml).readTree(in);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      }
    }
    return spec;
  }

  /** The violations of every request the simulator recorded (empty when all conform). */
  static List<String> violations(List<dev.syncengine.testing.webflow.RecordedRequest> recorded) {
    List<String> errors = new ArrayList<>();
    for (var r : recorded) {
      errors.addAll(
          violations(
              r.method(),
              r.path(),
              ContractCheckingWireMock.parseQuery(r.query() == null ? "" : r.query()),
              r.body().isEmpty()
                  ? null
                  : dev.syncengine.webflow.internal.Json.parseOrNull(r.body())));
    }
    return errors;
  }

  /**
   * Returns the violations (empty when the request conforms).
   *
   * @param method HTTP method
   * @param rawPath path as sent, with the {@code /v2} base path and without the query
   * @param query decoded query parameters
   * @param body JSON body, or null
   */
  static List<String> violations(
      String method, String rawPath, Map<String, List<String>> query, JsonNode body) {
    List<String> errors = new ArrayList<>();
    String where = method + " " + rawPath;
    if (!rawPath.startsWith(BASE_PATH + "/")) {
      errors.add(where + ": path does not start with " + BASE_PATH);
      return errors;
    }
    String path = rawPath.substring(BASE_PATH.length());
    String template = matchTemplate(path);
    if (template == null) {
      errors.add(where + ": no such path in the OpenAPI description");
      return errors;
    }
    JsonNode op = spec().path("paths").path(template).path(method.toLowerCase());
    if (op.isMissingNode()) {
      errors.add(where + ": " + template + " has no " + method);
      return errors;
    }
    checkQuery(where, op, query, errors);
    checkBody(where, op, body, errors);
    return errors;
  }

  private static String matchTemplate(String path) {
    String[] parts = path.split("/", -1);
    String best = null;
    int bestLiterals = -1;
    for (Iterator<String> it = spec().path("paths").fieldNames(); it.hasNext(); ) {
      String t = it.next();
      String[] tp = t.split("/", -1);
      if (tp.length != parts.length) {
        continue;
      }
      int literals = 0;
      boolean ok = true;
      for (int i = 0; i < tp.length && ok; i++) {
        if (tp[i].startsWith("{") && tp[i].endsWith("}")) {
          ok = !parts[i].isEmpty();
        } else {
          ok = tp[i].equals(URLDecoder.decode(parts[i], StandardCharsets.UTF_8));
          literals++;
        }
      }
      if (ok && literals > bestLiterals) {
        best = t;
        bestLiterals = literals;
      }
    }
    return best;
  }

  private static void checkQuery(
      String where, JsonNode op, Map<String, List<String>> query, List<String> errors) {
    for (Map.Entry<String, List<String>> e : query.entrySet()) {
      String name = e.getKey();
      String base = name.contains("[") ? name.substring(0, name.indexOf('[')) : name;
      JsonNode param = null;
      for (JsonNode p : op.path("parameters")) {
        if ("query".equals(p.path("in").asText()) && base.equals(p.path("name").asText())) {
          param = p;
        }
      }
      if (param == null) {
        errors.add(where + ": undeclared query parameter '" + name + "'");
        continue;
      }
      JsonNode schema = param.path("schema");
      if (name.contains("[")) {
        String sub = name.substring(name.indexOf('[') + 1, name.length() - 1);
        schema = schema.path("properties").path(sub);
        if (schema.isMissingNode()) {
          errors.add(where + ": undeclared query member '" + name + "'");
          continue;
        }
      }
      for (String v : e.getValue()) {
        String type = schema.path("type").asText("string");
        boolean ok =
            switch (type) {
              case "integer" -> v.matches("-?\\d+");
              case "number" -> v.matches("-?\\d+(\\.\\d+)?");
              case "boolean" -> v.equals("true") || v.equals("false");
              default -> true;
            };
        if (!ok) {
          errors.add(where + ": query '" + name + "'='" + v + "' is not " + type);
        }
        if (schema.has("enum") && !contains(schema.get("enum"), v)) {
          errors.add(where + ": query '" + name + "'='" + v + "' not in " + schema.get("enum"));
        }
      }
    }
    for (JsonNode p : op.path("parameters")) {
      if ("query".equals(p.path("in").asText())
          && p.path("required").asBoolean(false)
          && !query.containsKey(p.path("name").asText())) {
        errors.add(where + ": missing required query parameter " + p.path("name").asText());
      }
    }
  }

  private static void checkBody(String where, JsonNode op, JsonNode body, List<String> errors) {
    JsonNode rb = op.path("requestBody");
    if (rb.isMissingNode()) {
      if (body != null) {
        errors.add(where + ": sends a body but the operation takes none");
      }
      return;
    }
    if (body == null) {
      if (rb.path("required").asBoolean(false)) {
        errors.add(where + ": request body is required");
      }
      return;
    }
    JsonNode schema = rb.path("content").path("application/json").path("schema");
    if (schema.isMissingNode()) {
      errors.add(where + ": operation takes no JSON body");
      return;
    }
    validate(schema, body, "body", errors, where);
  }

  /** Validates {@code value} against {@code schema}; appends violations. */
  static void validate(JsonNode schema, JsonNode value, String at, List<String> errors, String w) {
    schema = resolve(schema);
    if (schema.has("allOf")) {
      for (JsonNode s : schema.get("allOf")) {
        validate(s, value, at, errors, w);
      }
    }
    for (String key : List.of("oneOf", "anyOf")) {
      if (schema.has(key)) {
        List<String> firstFailure = null;
        boolean any = false;
        for (JsonNode alt : schema.get(key)) {
          List<String> sub = new ArrayList<>();
          validate(alt, value, at, sub, w);
          if (sub.isEmpty()) {
            any = true;
            break;
          }
          if (firstFailure == null) {
            firstFailure = sub;
          }
        }
        if (!any) {
          errors.add(w + ": " + at + " matches no " + key + " alternative, e.g. " + firstFailure);
        }
      }
    }
    if (value.isNull() && schema.path("nullable").asBoolean(false)) {
      return;
    }
    JsonNode type = schema.get("type");
    if (type != null) {
      boolean ok = false;
      if (type.isArray()) {
        for (JsonNode t : type) {
          ok |= hasType(t.asText(), value);
        }
      } else {
        ok = hasType(type.asText(), value);
      }
      if (!ok) {
        errors.add(w + ": " + at + " should be " + type + " but is " + value.getNodeType());
        return;
      }
    }
    if (schema.has("enum") && !contains(schema.get("enum"), value.asText())) {
      errors.add(w + ": " + at + "=" + value + " not in " + schema.get("enum"));
    }
    if (value.isObject()) {
      for (JsonNode r : schema.path("required")) {
        // OpenAPI: a required read-only property is required in responses only.
        JsonNode ps = schema.path("properties").path(r.asText());
        boolean readOnly = !ps.isMissingNode() && resolve(ps).path("readOnly").asBoolean(false);
        if (!readOnly && !value.has(r.asText())) {
          errors.add(w + ": " + at + " lacks required '" + r.asText() + "'");
        }
      }
      JsonNode props = schema.path("properties");
      for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        JsonNode ps = props.get(f.getKey());
        if (ps != null) {
          if (resolve(ps).path("readOnly").asBoolean(false)) {
            errors.add(w + ": " + at + "." + f.getKey() + " is read-only");
          }
          validate(ps, f.getValue(), at + "." + f.getKey(), errors, w);
        } else if (schema.path("additionalProperties").isBoolean()
            && !schema.get("additionalProperties").asBoolean()) {
          errors.add(w + ": " + at + " has undeclared property '" + f.getKey() + "'");
        } else if (schema.path("additionalProperties").isObject()) {
          validate(
              schema.get("additionalProperties"), f.getValue(), at + "." + f.getKey(), errors, w);
        }
      }
    }
    if (value.isArray() && schema.has("items")) {
      int i = 0;
      for (JsonNode element : value) {
        validate(schema.get("items"), element, at + "[" + i++ + "]", errors, w);
      }
    }
  }

  private static JsonNode resolve(JsonNode schema) {
    while (schema.has("$ref")) {
      String ref = schema.get("$ref").asText();
      JsonNode target = spec();
      for (String part : ref.substring(2).split("/")) {
        target = target.path(part.replace("~1", "/").replace("~0", "~"));
      }
      schema = target;
    }
    return schema;
  }

  private static boolean hasType(String type, JsonNode v) {
    return switch (type) {
      case "object" -> v.isObject();
      case "array" -> v.isArray();
      case "string" -> v.isTextual();
      case "integer" -> v.isIntegralNumber();
      case "number" -> v.isNumber();
      case "boolean" -> v.isBoolean();
      case "null" -> v.isNull();
      default -> true;
    };
  }

  private static boolean contains(JsonNode array, String v) {
    for (JsonNode e : array) {
      if (e.asText().equals(v)) {
        return true;
      }
    }
    return false;
  }
}
