package dev.syncengine.core.mapping.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * How alike two field names are, from 0 to 1, after normalising case, accents and separators ("Unit
 * Price", "unit-price" and "unitPrice" are equal). Stateless, thread-safe.
 */
public final class NameSimilarity {
  private NameSimilarity() {}

  /** Similarity in [0, 1]: 1 for equal normalised names, containment scores high. */
  public static double score(String a, String b) {
    String x = normalise(a);
    String y = normalise(b);
    if (x.isEmpty() || y.isEmpty()) {
      return 0;
    }
    if (x.equals(y)) {
      return 1;
    }
    double edit = 1.0 - (double) distance(x, y) / Math.max(x.length(), y.length());
    double contains =
        (x.contains(y) || y.contains(x))
            ? 0.85 * Math.min(x.length(), y.length()) / Math.max(x.length(), y.length()) + 0.1
            : 0;
    return Math.max(edit, Math.min(0.9, contains));
  }

  /** Up to {@code n} names closest to {@code name} with a score of at least 0.5. */
  public static List<String> closest(String name, List<String> names, int n) {
    List<String> out = new ArrayList<>();
    names.stream()
        .filter(c -> score(name, c) >= 0.5)
        .sorted(Comparator.comparingDouble((String c) -> -score(name, c)))
        .limit(n)
        .forEach(out::add);
    return out;
  }

  static String normalise(String s) {
    if (s == null) {
      return "";
    }
    return String.join("", Words.split(s)).toLowerCase(Locale.ROOT);
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
