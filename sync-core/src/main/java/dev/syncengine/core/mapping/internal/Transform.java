package dev.syncengine.core.mapping.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The transforms a mapping can use in templates, as post-transforms and inside JSONata. Each takes
 * the value plus literal arguments; empty values stay empty and arrays are transformed element by
 * element. Stateless, thread-safe.
 */
public enum Transform {
  UPPERCASE("uppercase", 0, 0) {
    @Override
    JsonNode one(JsonNode v, List<JsonNode> args) {
      return text(Values.text(v).toUpperCase(Locale.ROOT));
    }
  },
  LOWERCASE("lowercase", 0, 0) {
    @Override
    JsonNode one(JsonNode v, List<JsonNode> args) {
      return text(Values.text(v).toLowerCase(Locale.ROOT));
    }
  },
  TITLE("title", 0, 0) {
    @Override
    JsonNode one(JsonNode v, List<JsonNode> args) {
      String s = Values.text(v).toLowerCase(Locale.ROOT);
      StringBuilder sb = new StringBuilder(s.length());
      boolean start = true;
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        sb.append(start ? Character.toTitleCase(c) : c);
        start = Character.isWhitespace(c) || c == '-' || c == '/' || c == '(';
      }
      return text(sb.toString());
    }
  },
  CAMEL("camel", 0, 0) {
    @Override
    JsonNode one(JsonNode v, List<JsonNode> args) {
      return text(joinCapitalised(Values.text(v), false));
    }
  },
  PASCAL("pascal", 0, 0) {
    @Override
    JsonNode one(JsonNode v, List<JsonNode> args) {
      return text(joinCapitalised(Values.text(v), true));
    }
  },
  SNAKE("snake", 0, 0) {
    @Override
    JsonNode one(JsonNode v, List<JsonNode> args) {
      return text(String.join("_", Words.split(Values.text(v))).toLowerCase(Locale.ROOT));
    }
  },
  KEBAB("kebab", 0, 0) {
    @Override
    JsonNode one(JsonNode v, List<JsonNode> args) {
      return text(String.join("-", Words.split(Values.text(v))).toLowerCase(Locale.ROOT));
    }
  },
  TRIM("trim", 0, 0) {
    @Override
    JsonNode one(JsonNode v, List<JsonNode> args) {
      return text(Values.text(v).strip());
    }
  },
  TRUNCATE("truncate", 1, 2) {
    @Override
    JsonNode one(JsonNode v, List<JsonNode> args) {
      int max = intArg(args, 0, "length");
      if (max < 0) {
        throw new TransformException("truncate length must not be negative: " + max);
      }
      String ellipsis = args.size() > 1 ? Values.text(args.get(1)) : "";
      String s = Values.text(v);
      if (s.codePointCount(0, s.length()) <= max) {
        return text(s);
      }
      int keep = Math.max(0, max - ellipsis.codePointCount(0, ellipsis.length()));
      String head = s.substring(0, s.offsetByCodePoints(0, keep)).stripTrailing();
      return text(head + ellipsis);
    }
  },
  URLENCODE("urlencode", 0, 0) {
    @Override
    JsonNode one(JsonNode v, List<JsonNode> args) {
      // RFC 3986 style: spaces as %20, as URL paths and query values both accept.
      return text(
          URLEncoder.encode(Values.text(v), StandardCharsets.UTF_8)
              .replace("+", "%20")
              .replace("%7E", "~"));
    }
  },
  ROUND("round", 0, 1) {
    @Override
    JsonNode one(JsonNode v, List<JsonNode> args) {
      return Values.numberNode(number(v).setScale(places(args), RoundingMode.HALF_UP));
    }
  },
  FLOOR("floor", 0, 1) {
    @Override
    JsonNode one(JsonNode v, List<JsonNode> args) {
      return Values.numberNode(number(v).setScale(places(args), RoundingMode.FLOOR));
    }
  },
  CEIL("ceil", 0, 1) {
    @Override
    JsonNode one(JsonNode v, List<JsonNode> args) {
      return Values.numberNode(number(v).setScale(places(args), RoundingMode.CEILING));
    }
  },
  FORMAT_DATE("formatDate", 1, 2) {
    @Override
    JsonNode one(JsonNode v, List<JsonNode> args) {
      Dates.When when = Dates.parse(v);
      if (when == null) {
        throw new TransformException("formatDate: " + Values.show(v) + " is not a date");
      }
      DateTimeFormatter f = pattern(Values.text(args.get(0)));
      // A day without a time keeps its calendar date whatever zone is asked for.
      ZoneId zone = when.dateOnly() ? ZoneOffset.UTC : zone(args);
      try {
        return text(f.format(when.instant().atZone(zone)));
      } catch (DateTimeException e) {
        throw new TransformException("formatDate: " + e.getMessage());
      }
    }
  };

  private final String id;
  private final int minArgs;
  private final int maxArgs;

  Transform(String id, int minArgs, int maxArgs) {
    this.id = id;
    this.minArgs = minArgs;
    this.maxArgs = maxArgs;
  }

  /** The name used in mapping documents, e.g. {@code formatDate}. */
  public String id() {
    return id;
  }

  public int minArgs() {
    return minArgs;
  }

  public int maxArgs() {
    return maxArgs;
  }

  /** Finds a transform by its document name, case-insensitively; null when unknown. */
  public static Transform byName(String name) {
    for (Transform t : values()) {
      if (t.id.equalsIgnoreCase(name)) {
        return t;
      }
    }
    return null;
  }

  /** All names, for messages and the dashboard. */
  public static String names() {
    StringBuilder sb = new StringBuilder();
    for (Transform t : values()) {
      sb.append(sb.length() == 0 ? "" : ", ").append(t.id);
    }
    return sb.toString();
  }

  /**
   * Applies the transform.
   *
   * @throws TransformException when the value or an argument does not suit it
   */
  public JsonNode apply(JsonNode value, List<JsonNode> args) {
    if (Values.isEmpty(value)) {
      return NullNode.getInstance();
    }
    if (value.isArray()) {
      ArrayNode out = Values.JSON.arrayNode(value.size());
      for (JsonNode e : value) {
        out.add(apply(e, args));
      }
      return out;
    }
    return one(value, args);
  }

  abstract JsonNode one(JsonNode value, List<JsonNode> args);

  /** Checks arguments known when the mapping compiles; returns a problem or null. */
  public String checkArgs(List<JsonNode> literalArgs) {
    if (literalArgs.size() < minArgs || literalArgs.size() > maxArgs) {
      String want = minArgs == maxArgs ? "" + minArgs : minArgs + " to " + maxArgs;
      return id + " takes " + want + " argument(s) after the value, got " + literalArgs.size();
    }
    try {
      if (this == TRUNCATE) {
        intArg(literalArgs, 0, "length");
      } else if ((this == ROUND || this == FLOOR || this == CEIL) && !literalArgs.isEmpty()) {
        places(literalArgs);
      }
    } catch (TransformException e) {
      return id + ": " + e.getMessage();
    }
    if (this == FORMAT_DATE && literalArgs.get(0) != null && literalArgs.get(0).isTextual()) {
      try {
        pattern(literalArgs.get(0).textValue());
        zone(literalArgs);
      } catch (TransformException e) {
        return e.getMessage();
      }
    }
    return null;
  }

  static JsonNode text(String s) {
    return Values.JSON.textNode(s);
  }

  static BigDecimal number(JsonNode v) {
    BigDecimal d = Values.number(v);
    if (d == null) {
      throw new TransformException(Values.show(v) + " is not a number");
    }
    return d;
  }

  static int intArg(List<JsonNode> args, int i, String what) {
    BigDecimal d = args.size() > i ? Values.number(args.get(i)) : null;
    if (d == null) {
      throw new TransformException(what + " must be a whole number");
    }
    try {
      return d.intValueExact();
    } catch (ArithmeticException e) {
      throw new TransformException(what + " must be a whole number: " + Values.plain(d));
    }
  }

  static int places(List<JsonNode> args) {
    int p = args.isEmpty() ? 0 : intArg(args, 0, "decimal places");
    if (p < 0 || p > 20) {
      throw new TransformException("decimal places must be 0-20: " + p);
    }
    return p;
  }

  static DateTimeFormatter pattern(String p) {
    try {
      return DateTimeFormatter.ofPattern(p, Locale.ENGLISH);
    } catch (IllegalArgumentException e) {
      throw new TransformException("formatDate: bad pattern '" + p + "': " + e.getMessage());
    }
  }

  static ZoneId zone(List<JsonNode> args) {
    if (args.size() < 2 || Values.isEmpty(args.get(1))) {
      return ZoneOffset.UTC;
    }
    try {
      return ZoneId.of(Values.text(args.get(1)));
    } catch (DateTimeException e) {
      throw new TransformException(
          "formatDate: unknown time zone '" + Values.text(args.get(1)) + "'");
    }
  }

  static String joinCapitalised(String s, boolean firstUpper) {
    StringBuilder sb = new StringBuilder(s.length());
    for (String w : Words.split(s)) {
      String lower = w.toLowerCase(Locale.ROOT);
      if (sb.length() == 0 && !firstUpper) {
        sb.append(lower);
      } else {
        sb.append(Character.toUpperCase(lower.charAt(0))).append(lower, 1, lower.length());
      }
    }
    return sb.toString();
  }
}
