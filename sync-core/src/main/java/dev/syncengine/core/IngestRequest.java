package dev.syncengine.core;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One webhook delivery as the HTTP layer received it: the raw body (signatures are over raw bytes),
 * the headers (looked up case-insensitively), the content type and the URL token if any.
 *
 * <pre>{@code
 * IngestRequest req = IngestRequest.builder(bodyBytes)
 *     .header("webhook-id", id)
 *     .contentType("application/json")
 *     .pathToken(token)
 *     .build();
 * }</pre>
 *
 * <p>Immutable; the body array is copied in and out.
 */
public final class IngestRequest {
  private final byte[] body;
  private final Map<String, List<String>> headers;
  private final String contentType;
  private final String pathToken;
  private final String remoteAddress;

  private IngestRequest(Builder b) {
    this.body = b.body.clone();
    this.headers = Collections.unmodifiableMap(new TreeMap<>(b.headers));
    this.contentType = b.contentType;
    this.pathToken = b.pathToken;
    this.remoteAddress = b.remoteAddress;
  }

  public static Builder builder(byte[] body) {
    return new Builder(body);
  }

  public byte[] body() {
    return body.clone();
  }

  public int bodyLength() {
    return body.length;
  }

  /** The first value of a header (name case-insensitive), or null. */
  public String header(String name) {
    List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  /** All headers, names lower-cased. */
  public Map<String, List<String>> headers() {
    return headers;
  }

  public String contentType() {
    return contentType;
  }

  /** The {@code {token}} path segment of {@code /hooks/{connectionId}/{token}}, or null. */
  public String pathToken() {
    return pathToken;
  }

  public String remoteAddress() {
    return remoteAddress;
  }

  @Override
  public String toString() {
    return "IngestRequest{bytes=" + body.length + ", contentType=" + contentType + "}";
  }

  /** Mutable, not thread-safe. */
  public static final class Builder {
    private final byte[] body;
    private final Map<String, List<String>> headers = new TreeMap<>();
    private String contentType;
    private String pathToken;
    private String remoteAddress;

    private Builder(byte[] body) {
      this.body = Objects.requireNonNull(body, "body");
    }

    public Builder header(String name, String value) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      headers
          .computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new java.util.ArrayList<>())
          .add(value);
      return this;
    }

    public Builder headers(Map<String, String> values) {
      values.forEach(this::header);
      return this;
    }

    public Builder contentType(String contentType) {
      this.contentType = contentType;
      return this;
    }

    public Builder pathToken(String token) {
      this.pathToken = token;
      return this;
    }

    public Builder remoteAddress(String address) {
      this.remoteAddress = address;
      return this;
    }

    public IngestRequest build() {
      return new IngestRequest(this);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IngestRequest r
        && Arrays.equals(body, r.body)
        && headers.equals(r.headers)
        && Objects.equals(pathToken, r.pathToken);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(body);
  }
}
