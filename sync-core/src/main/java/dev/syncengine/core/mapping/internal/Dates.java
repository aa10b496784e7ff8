package dev.syncengine.core.mapping.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Reads the date shapes a normalised record carries ({@code {date, include_time}} objects, date
 * ranges, ISO strings, epoch milliseconds) and writes Webflow's ISO 8601 form. A date without a
 * time stays that calendar day in UTC. Stateless, thread-safe.
 */
public final class Dates {
  private static final DateTimeFormatter ISO_MILLIS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private Dates() {}

  /**
   * A point in time, or a calendar day when {@code dateOnly}.
   *
   * @param instant the instant (midnight UTC for a day)
   * @param dateOnly whether the source carried no time of day
   */
  public record When(Instant instant, boolean dateOnly) {
    /** Webflow's form: {@code 2024-03-15T00:00:00.000Z}. */
    public String iso() {
      return ISO_MILLIS.format(instant);
    }

    public LocalDate day() {
      return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }
  }

  /** Parses a date value; null when the value is not a date. */
  public static When parse(JsonNode n) {
    if (n == null || n.isNull() || n.isMissingNode()) {
      return null;
    }
    if (n.isObject()) {
      if (n.has("from_date")) {
        return parse(n.get("from_date"));
      }
      if (!n.hasNonNull("date")) {
        return null;
      }
      String date = n.get("date").asText();
      boolean withTime = n.path("include_time").asBoolean(true);
      if (!withTime && date.length() >= 10) {
        return day(date.substring(0, 10));
      }
      return parse(date);
    }
    if (n.isIntegralNumber()) {
      return new When(Instant.ofEpochMilli(n.longValue()), false);
    }
    if (n.isTextual()) {
      return parse(n.textValue().trim());
    }
    if (n.isArray() && n.size() > 0) {
      return parse(n.get(0));
    }
    return null;
  }

  /** Parses ISO text: a day, an instant, an offset date-time, or a local date-time taken as UTC. */
  public static When parse(String s) {
    try {
      if (s.length() == 10) {
        return day(s);
      }
      if (s.endsWith("Z") || s.endsWith("z")) {
        return new When(
            OffsetDateTime.parse(s.toUpperCase(java.util.Locale.ROOT)).toInstant(), false);
      }
      try {
        return new When(OffsetDateTime.parse(s).toInstant(), false);
      } catch (DateTimeParseException noOffset) {
        return new When(LocalDateTime.parse(s).toInstant(ZoneOffset.UTC), false);
      }
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static When day(String s) {
    try {
      return new When(LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant(), true);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
