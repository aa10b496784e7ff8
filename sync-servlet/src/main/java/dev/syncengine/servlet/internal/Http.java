package dev.syncengine.servlet.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Request reading and response writing shared by the servlets. */
public final class Http {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Http.class);
  public static final String JSON_TYPE = "application/json;charset=utf-8";

  private Http() {}

  /** Writes a JSON body with {@code Cache-Control: no-store}. */
  public static void writeJson(HttpServletResponse resp, int status, Object body)
      throws IOException {
    byte[] bytes = Json.MAPPER.writeValueAsBytes(body);
    resp.setStatus(status);
    resp.setHeader("Cache-Control", "no-store");
    resp.setContentType(JSON_TYPE);
    resp.setContentLength(bytes.length);
    writeBody(resp, bytes);
  }

  /**
   * Writes the answer's bytes. A failure here means the connection is gone (the client hung up or
   * timed out): nothing is left to do and it is no error of ours, so it is logged at DEBUG, not
   * left to the container to log as a server error.
   */
  static void writeBody(HttpServletResponse resp, byte[] bytes) {
    try {
      resp.getOutputStream().write(bytes);
    } catch (IOException e) {
      LOG.debug("the client went away before the answer was written: {}", e.toString());
    }
  }

  /** Writes {@code {"error":{"code","message","details"}}} with the exception's headers. */
  public static void writeError(HttpServletResponse resp, ApiException e) throws IOException {
    if (resp.isCommitted()) {
      return;
    }
    // resetBuffer, not reset: the security headers already set must stay.
    resp.resetBuffer();
    e.headers().forEach(resp::setHeader);
    writeJson(resp, e.status(), errorBody(e.code(), e.getMessage(), e.details()));
  }

  public static ObjectNode errorBody(
      String code, String message, List<ApiException.Detail> details) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    ObjectNode err = root.putObject("error");
    err.put("code", code);
    err.put("message", message);
    ArrayNode d = err.putArray("details");
    for (ApiException.Detail x : details) {
      ObjectNode o = d.addObject();
      o.put("field", x.field());
      o.put("message", x.message());
    }
    return root;
  }

  /**
   * Reads the body, refusing more than {@code max} bytes.
   *
   * @throws ApiException 413 when too large, 400 when the body ends early
   */
  public static byte[] readBody(HttpServletRequest req, int max) throws IOException {
    long declared = req.getContentLengthLong();
    if (declared > max) {
      drain(req, declared);
      throw tooLarge(max);
    }
    InputStream in = req.getInputStream();
    ByteArrayOutputStream out =
        new ByteArrayOutputStream(declared > 0 ? (int) declared : Math.min(max, 8192));
    byte[] buf = new byte[8192];
    long total = 0;
    try {
      int n;
      while ((n = in.read(buf)) != -1) {
        total += n;
        if (total > max) {
          drain(req, DRAIN_LIMIT);
          throw tooLarge(max);
        }
        out.write(buf, 0, n);
      }
    } catch (ApiException e) {
      throw e;
    } catch (IOException e) {
      // The sender closed or stalled mid-body; nothing was stored.
      throw new ApiException(400, "incomplete_body", "the request body ended early");
    }
    return out.toByteArray();
  }

  /** Bodies up to this size are read to the end before a 413, so the sender sees the answer. */
  static final long DRAIN_LIMIT = 4L * 1024 * 1024;

  /**
   * Reads and discards what is left of a refused body when it is not huge: a client still sending
   * would otherwise meet a closed connection instead of our 413. Huge bodies are not read.
   */
  private static void drain(HttpServletRequest req, long declared) {
    if (declared > DRAIN_LIMIT) {
      return;
    }
    try {
      InputStream in = req.getInputStream();
      byte[] buf = new byte[8192];
      long read = 0;
      int n;
      while (read <= DRAIN_LIMIT && (n = in.read(buf)) != -1) {
        read += n;
      }
    } catch (IOException ignored) {
      // the sender gave up: nothing to answer anyway
    }
  }

  private static ApiException tooLarge(int max) {
    return new ApiException(413, "payload_too_large", "the body exceeds " + max + " bytes")
        .header("Connection", "close");
  }

  /**
   * Whether the Content-Type is JSON ({@code application/json} or {@code application/*+json}) with
   * no charset or UTF-8.
   */
  public static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    String[] parts = contentType.split(";");
    String media = parts[0].trim().toLowerCase(Locale.ROOT);
    boolean json =
        media.equals("application/json") || media.matches("application/[a-z0-9.!#$&^_-]+\\+json");
    if (!json) {
      return false;
    }
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i].trim();
      int eq = p.indexOf('=');
      if (eq > 0 && p.substring(0, eq).trim().equalsIgnoreCase("charset")) {
        String cs = p.substring(eq + 1).trim().replace("\"", "");
        if (!cs.equalsIgnoreCase("utf-8") && !cs.equalsIgnoreCase("utf8")) {
          return false;
        }
      }
    }
    return true;
  }

  /** Sets every header in the map. */
  public static void headers(HttpServletResponse resp, Map<String, String> headers) {
    headers.forEach(resp::setHeader);
  }
}
