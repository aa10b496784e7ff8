package dev.syncengine.smartsuite.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Formats SmartSuite phone numbers, addresses and full names as display strings. Stateless. */
final class ContactFormat {
  /** Calling codes for the countries SmartSuite users most often pick; others keep the number. */
  private static final Map<String, String> CALLING_CODES =
      Map.ofEntries(
          Map.entry("US", "1"),
          Map.entry("CA", "1"),
          Map.entry("GB", "44"),
          Map.entry("IE", "353"),
          Map.entry("DE", "49"),
          Map.entry("FR", "33"),
          Map.entry("ES", "34"),
          Map.entry("IT", "39"),
          Map.entry("NL", "31"),
          Map.entry("BE", "32"),
          Map.entry("CH", "41"),
          Map.entry("AT", "43"),
          Map.entry("SE", "46"),
          Map.entry("NO", "47"),
          Map.entry("DK", "45"),
          Map.entry("PL", "48"),
          Map.entry("PT", "351"),
          Map.entry("AU", "61"),
          Map.entry("NZ", "64"),
          Map.entry("IN", "91"),
          Map.entry("JP", "81"),
          Map.entry("BR", "55"),
          Map.entry("MX", "52"),
          Map.entry("ZA", "27"),
          Map.entry("IL", "972"),
          Map.entry("SG", "65"));

  private ContactFormat() {}

  static String phone(JsonNode p) {
    if (p.isTextual()) {
      return p.asText();
    }
    String number = p.path("phone_number").asText("").trim();
    if (number.isEmpty()) {
      return p.path("sys_title").asText("");
    }
    String formatted = number;
    if (!number.startsWith("+")) {
      String code = CALLING_CODES.get(p.path("phone_country").asText("").toUpperCase(Locale.ROOT));
      if (code != null) {
        formatted = "+" + code + " " + number;
      }
    }
    String ext = p.path("phone_extension").asText("").trim();
    return ext.isEmpty() ? formatted : formatted + " ext. " + ext;
  }

  static String address(JsonNode a) {
    if (a.isTextual()) {
      return a.asText();
    }
    List<String> parts = new ArrayList<>();
    add(parts, a.path("location_address").asText(""));
    add(parts, a.path("location_address2").asText(""));
    String city = a.path("location_city").asText("").trim();
    String stateZip =
        (a.path("location_state").asText("").trim()
                + " "
                + a.path("location_zip").asText("").trim())
            .trim();
    add(parts, city.isEmpty() ? stateZip : stateZip.isEmpty() ? city : city + ", " + stateZip);
    add(parts, a.path("location_country").asText(""));
    return String.join(", ", parts);
  }

  static String fullName(JsonNode n) {
    if (n.isTextual()) {
      return n.asText();
    }
    List<String> parts = new ArrayList<>();
    for (String k : new String[] {"title", "first_name", "middle_name", "last_name"}) {
      String v = n.path(k).asText("").trim();
      if (!v.isEmpty()) {
        parts.add(v);
      }
    }
    return parts.isEmpty() ? n.path("sys_root").asText("") : String.join(" ", parts);
  }

  private static void add(List<String> parts, String s) {
    if (!s.trim().isEmpty()) {
      parts.add(s.trim());
    }
  }
}
