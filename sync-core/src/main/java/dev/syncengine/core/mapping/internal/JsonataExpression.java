package dev.syncengine.core.mapping.internal;

import com.dashjoin.jsonata.Functions;
import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import com.dashjoin.jsonata.Parser;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One compiled JSONata expression with our transforms registered as functions ({@code $kebab(x)},
 * {@code $truncate(x, 100)}, ...), evaluated under a time and depth bound.
 *
 * <p>Thread-safe, for {@code com.dashjoin:jsonata} 0.9.10 used as here: the parsed {@link Jsonata}
 * and its function environment are written only while compiling. Each evaluation passes a fresh
 * {@link Jsonata.Frame}, so the library binds the input ({@code $}) and the runtime bounds in a new
 * child frame instead of the shared environment (which {@code evaluate(input)} without a frame
 * mutates, racing between threads). That version keeps the evaluation time of {@code $now()} and
 * {@code $millis()} in a per-thread instance that goes stale; both are replaced here by functions
 * reading the time captured at the start of the current evaluation.
 */
public final class JsonataExpression {
  /** Default wall-clock bound of one evaluation. */
  public static final long DEFAULT_TIMEOUT_MILLIS = 250;

  /** Default bound of nested evaluation depth (recursion included). */
  public static final int DEFAULT_MAX_DEPTH = 300;

  private static final ThreadLocal<long[]> EVALUATION_TIME =
      ThreadLocal.withInitial(() -> new long[1]);

  private final Jsonata expression;
  private final long timeoutMillis;
  private final int maxDepth;

  private JsonataExpression(Jsonata expression, long timeoutMillis, int maxDepth) {
    this.expression = expression;
    this.timeoutMillis = timeoutMillis;
    this.maxDepth = maxDepth;
  }

  /**
   * Parses an expression.
   *
   * @throws JsonataSyntaxException with the position of the first syntax error
   */
  public static JsonataExpression compile(String text, long timeoutMillis, int maxDepth) {
    Jsonata parsed;
    try {
      parsed = Jsonata.jsonata(text);
    } catch (JException e) {
      throw new JsonataSyntaxException(message(e), e.getLocation());
    } catch (RuntimeException e) {
      throw new JsonataSyntaxException(String.valueOf(e.getMessage()), -1);
    }
    parsed.setValidateInput(false); // our inputs are built from JSON trees; skip the re-walk
    for (Transform t : Transform.values()) {
      parsed.registerFunction(t.id(), new Jsonata.JFunction((input, args) -> call(t, args), null));
    }
    parsed.registerFunction(
        "millis", new Jsonata.JFunction((input, args) -> EVALUATION_TIME.get()[0], null));
    parsed.registerFunction(
        "now",
        new Jsonata.JFunction(
            (input, args) ->
                Functions.dateTimeFromMillis(EVALUATION_TIME.get()[0], arg(args, 0), arg(args, 1)),
            null));
    return new JsonataExpression(parsed, timeoutMillis, maxDepth);
  }

  /**
   * Evaluates against a JSONata input built by {@link RecordView#jsonataInput()}.
   *
   * @return the result as JSON; a missing node when the expression yields nothing
   * @throws TransformException with a message for people when evaluation fails or runs too long
   */
  public JsonNode evaluate(Object input) {
    Jsonata.Frame frame = expression.createFrame();
    Budget budget = new Budget(System.nanoTime() + timeoutMillis * 1_000_000L, maxDepth);
    frame.setEvaluateEntryCallback(budget);
    frame.setEvaluateExitCallback(budget);
    EVALUATION_TIME.get()[0] = System.currentTimeMillis();
    Object result;
    try {
      result = expression.evaluate(input, frame);
    } catch (TransformException e) {
      throw e;
    } catch (JException e) {
      throw new TransformException(message(e));
    } catch (StackOverflowError e) {
      throw new TransformException("the expression recursed too deeply");
    } catch (RuntimeException e) {
      Throwable cause = e.getCause();
      if (cause instanceof TransformException te) {
        throw te;
      }
      throw new TransformException("evaluation failed: " + e.getMessage());
    }
    return JavaJson.toJson(result);
  }

  /**
   * Bounds one evaluation, like the library's {@code Timebox} but reading the clock every 64th step
   * rather than at every entry and exit, which halves the cost of short expressions.
   */
  private static final class Budget implements Jsonata.EntryCallback, Jsonata.ExitCallback {
    private final long deadline;
    private final int maxDepth;
    private int depth;
    private int steps;

    Budget(long deadline, int maxDepth) {
      this.deadline = deadline;
      this.maxDepth = maxDepth;
    }

    @Override
    public void callback(Parser.Symbol expr, Object input, Jsonata.Frame env) {
      if (env.isParallelCall) {
        return;
      }
      if (++depth > maxDepth) {
        throw new TransformException(
            "the expression recursed too deeply (non-terminating recursive function?)");
      }
      if ((++steps & 63) == 0 && System.nanoTime() - deadline > 0) {
        throw new TransformException(
            "the expression ran longer than its time limit (endless loop?)");
      }
    }

    @Override
    public void callback(Parser.Symbol expr, Object input, Jsonata.Frame env, Object result) {
      if (!env.isParallelCall) {
        depth--;
      }
    }
  }

  private static Object call(Transform t, List<?> args) {
    JsonNode value = args.isEmpty() ? null : JavaJson.toJson(args.get(0));
    List<JsonNode> rest = new ArrayList<>(Math.max(0, args.size() - 1));
    for (int i = 1; i < args.size(); i++) {
      rest.add(JavaJson.toJson(args.get(i)));
    }
    String problem = t.checkArgs(rest);
    if (problem != null) {
      throw new TransformException("$" + problem);
    }
    JsonNode out = t.apply(value == null ? null : value, rest);
    return out.isNull() ? null : JavaJson.toJava(out);
  }

  private static String arg(List<?> args, int i) {
    return args.size() > i && args.get(i) != null ? String.valueOf(args.get(i)) : null;
  }

  static String message(JException e) {
    String m = e.getMessage() == null ? String.valueOf(e.getError()) : e.getMessage();
    if (m.startsWith("JSonataException ")) {
      m = m.substring("JSonataException ".length());
    }
    if (m.contains("Expression evaluation timeout")) {
      return "the expression ran longer than its time limit (endless loop?)";
    }
    if (m.contains("Stack overflow error")) {
      return "the expression recursed too deeply (non-terminating recursive function?)";
    }
    return m;
  }
}
