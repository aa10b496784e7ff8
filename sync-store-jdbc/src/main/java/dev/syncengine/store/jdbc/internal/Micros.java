package dev.syncengine.store.jdbc.internal;

import java.time.Instant;

/** Instants as epoch microseconds, the unit of every time column (immune to session time zones). */
public final class Micros {
  private Micros() {}

  public static long of(Instant instant) {
    return Math.addExact(
        Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
  }

  /** Null-safe variant for optional columns. */
  public static Long ofNullable(Instant instant) {
    return instant == null ? null : of(instant);
  }

  public static Instant toInstant(long micros) {
    return Instant.ofEpochSecond(
        Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000);
  }
}
