package dev.syncengine.core.mapping.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.syncengine.core.model.SourceField;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Parses templates ({@code "{{sku}}-{{kebab(title)}}"}) and post-transform calls ({@code
 * "truncate(100, '…')"}), resolving field names against the source schema. Inside {@code {{ }}} a
 * field is named by slug or label; a label with commas or parentheses is written in backticks (``
 * `Price (USD)` ``). Not thread-safe: one parser per compilation.
 */
public final class TemplateParser {
  private final SourceFields fields;
  private String text;
  private int pos;

  public TemplateParser(SourceFields fields) {
    this.fields = fields;
  }

  /** A template problem, with the character offset in the template. */
  public static final class TemplateException extends RuntimeException {
    private final int position;

    TemplateException(String message, int position) {
      super(message + " (at character " + (position + 1) + ")", null, false, false);
      this.position = position;
    }

    public int position() {
      return position;
    }
  }

  /**
   * Parses a template.
   *
   * @throws TemplateException naming the problem and where it is
   */
  public Template parse(String template) {
    List<Object> parts = new ArrayList<>();
    int i = 0;
    while (i < template.length()) {
      int open = template.indexOf("{{", i);
      if (open < 0) {
        parts.add(template.substring(i));
        break;
      }
      if (open > i) {
        parts.add(template.substring(i, open));
      }
      int close = template.indexOf("}}", open + 2);
      if (close < 0) {
        throw new TemplateException("'{{' is never closed with '}}'", open);
      }
      parts.add(expression(template.substring(open + 2, close), open + 2));
      i = close + 2;
    }
    return new Template(parts);
  }

  /**
   * Parses one post-transform, e.g. {@code round(2)}; arguments must be literals.
   *
   * @throws TemplateException naming the problem
   */
  public PostTransform parsePost(String call) {
    text = call;
    pos = 0;
    skipSpaces();
    int start = pos;
    String name = identifier();
    Transform t = Transform.byName(name);
    if (t == null) {
      throw new TemplateException(
          "unknown transform '" + call.strip() + "'; known: " + Transform.names(), start);
    }
    List<JsonNode> args = new ArrayList<>();
    skipSpaces();
    if (pos < text.length() && text.charAt(pos) == '(') {
      pos++;
      skipSpaces();
      while (pos < text.length() && text.charAt(pos) != ')') {
        TemplateExpr e = argument(0);
        if (!(e instanceof TemplateExpr.Literal l)) {
          throw new TemplateException(
              "post-transform arguments must be quoted text or numbers", pos);
        }
        args.add(l.value());
        skipSpaces();
        if (pos < text.length() && text.charAt(pos) == ',') {
          pos++;
          skipSpaces();
        }
      }
      expect(')', 0);
    }
    skipSpaces();
    if (pos != text.length()) {
      throw new TemplateException("unexpected '" + text.substring(pos) + "'", pos);
    }
    String problem = t.checkArgs(args);
    if (problem != null) {
      throw new TemplateException(problem, start);
    }
    return new PostTransform(t, args);
  }

  private TemplateExpr expression(String inner, int offset) {
    Optional<SourceField> whole = fields.resolve(inner);
    if (whole.isPresent()) {
      return new TemplateExpr.Field(whole.get().slug(), inner.strip());
    }
    text = inner;
    pos = 0;
    skipSpaces();
    if (pos == text.length()) {
      throw new TemplateException("empty '{{}}'", offset);
    }
    TemplateExpr e = argument(offset);
    skipSpaces();
    if (pos != text.length()) {
      throw new TemplateException("unexpected '" + text.substring(pos).strip() + "'", offset + pos);
    }
    return e;
  }

  private TemplateExpr argument(int offset) {
    skipSpaces();
    if (pos >= text.length()) {
      throw new TemplateException("a value is missing", offset + pos);
    }
    char c = text.charAt(pos);
    if (c == '\'' || c == '"') {
      return new TemplateExpr.Literal(Values.JSON.textNode(quoted(c, offset)));
    }
    if (c == '`') {
      int start = pos;
      String name = quoted('`', offset);
      return field(name, offset + start);
    }
    if (Character.isDigit(c)
        || (c == '-' && pos + 1 < text.length() && Character.isDigit(text.charAt(pos + 1)))) {
      return number(offset);
    }
    int start = pos;
    int save = pos;
    String ident = identifier();
    skipSpaces();
    if (!ident.isEmpty() && pos < text.length() && text.charAt(pos) == '(') {
      return call(ident, start, offset);
    }
    // A bare field name runs to the next ',' or ')' so labels with spaces work.
    pos = save;
    while (pos < text.length() && text.charAt(pos) != ',' && text.charAt(pos) != ')') {
      pos++;
    }
    return field(text.substring(save, pos).strip(), offset + save);
  }

  /** A number literal at {@code pos}. */
  private TemplateExpr number(int offset) {
    int start = pos;
    pos++;
    while (pos < text.length()
        && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
      pos++;
    }
    BigDecimal d = Values.parse(text.substring(start, pos));
    if (d == null) {
      throw new TemplateException(
          "bad number '" + text.substring(start, pos) + "'", offset + start);
    }
    return new TemplateExpr.Literal(Values.numberNode(d));
  }

  /** A transform call {@code ident(value, args...)}; {@code pos} is at its '('. */
  private TemplateExpr call(String ident, int start, int offset) {
    Transform t = Transform.byName(ident);
    if (t == null) {
      throw new TemplateException(
          "unknown transform '" + ident + "'; known: " + Transform.names(), offset + start);
    }
    pos++;
    List<TemplateExpr> args = new ArrayList<>();
    skipSpaces();
    while (pos < text.length() && text.charAt(pos) != ')') {
      args.add(argument(offset));
      skipSpaces();
      if (pos < text.length() && text.charAt(pos) == ',') {
        pos++;
      } else if (pos < text.length() && text.charAt(pos) != ')') {
        throw new TemplateException("expected ',' or ')'", offset + pos);
      }
    }
    expect(')', offset);
    if (args.isEmpty()) {
      throw new TemplateException(ident + "() needs a value", offset + start);
    }
    List<TemplateExpr> rest = args.subList(1, args.size());
    String problem = checkCallArgs(t, rest);
    if (problem != null) {
      throw new TemplateException(problem, offset + start);
    }
    return new TemplateExpr.Call(t, args.get(0), rest);
  }

  /**
   * What is wrong with the arguments after the value, or null: checked in full when all are
   * literals, else only their number.
   */
  private static String checkCallArgs(Transform t, List<TemplateExpr> rest) {
    List<JsonNode> literals = new ArrayList<>();
    boolean allLiteral = true;
    for (TemplateExpr a : rest) {
      if (a instanceof TemplateExpr.Literal l) {
        literals.add(l.value());
      } else {
        allLiteral = false;
      }
    }
    if (allLiteral) {
      return t.checkArgs(literals);
    }
    return rest.size() < t.minArgs() || rest.size() > t.maxArgs()
        ? t.id() + " takes " + t.minArgs() + " to " + t.maxArgs() + " argument(s) after the value"
        : null;
  }

  private TemplateExpr field(String name, int at) {
    Optional<SourceField> f = fields.resolve(name);
    if (f.isEmpty()) {
      List<String> near = fields.closest(name);
      throw new TemplateException(
          "unknown source field '"
              + name
              + "'"
              + (near.isEmpty() ? "" : "; did you mean " + String.join(", ", near) + "?"),
          at);
    }
    return new TemplateExpr.Field(f.get().slug(), name);
  }

  private String quoted(char q, int offset) {
    int start = pos;
    pos++;
    StringBuilder sb = new StringBuilder();
    while (pos < text.length() && text.charAt(pos) != q) {
      char c = text.charAt(pos);
      if (c == '\\' && pos + 1 < text.length()) {
        pos++;
        c = text.charAt(pos);
      }
      sb.append(c);
      pos++;
    }
    if (pos >= text.length()) {
      throw new TemplateException("unclosed " + q, offset + start);
    }
    pos++;
    return sb.toString();
  }

  private String identifier() {
    int start = pos;
    while (pos < text.length()
        && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
      pos++;
    }
    return text.substring(start, pos);
  }

  private void expect(char c, int offset) {
    if (pos >= text.length() || text.charAt(pos) != c) {
      throw new TemplateException("expected '" + c + "'", offset + pos);
    }
    pos++;
  }

  private void skipSpaces() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }
}
