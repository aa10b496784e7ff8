package dev.syncengine.smartsuite;

import dev.syncengine.core.model.SourceKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The SmartSuite field types ({@code field_type} of a table's {@code structure}, smartsuite-api.md
 * "Table schema") and the kind of each: the one list of them. The value each kind carries after
 * normalisation is that of smartsuite-api.md "Field value shapes" turned into the engine's shapes
 * (labels, decimals, ISO dates, URLs). Immutable.
 */
public final class SmartSuiteFieldTypes {
  private static final Map<String, SourceKind> KINDS = new LinkedHashMap<>();

  static {
    put(SourceKind.TEXT, "recordtitlefield", "textfield", "textareafield", "fullnamefield");
    put(SourceKind.TEXT, "ipaddressfield");
    put(SourceKind.RICH_TEXT, "richtextareafield");
    put(SourceKind.NUMBER, "numberfield", "currencyfield", "percentfield", "ratingfield");
    put(SourceKind.NUMBER, "numbersliderfield", "percentcompletefield", "countfield");
    put(SourceKind.NUMBER, "autonumberfield", "durationfield");
    put(SourceKind.DATE, "datefield", "duedatefield");
    put(SourceKind.DATE_RANGE, "daterangefield");
    put(SourceKind.CHOICE, "singleselectfield", "statusfield");
    put(SourceKind.MULTI_CHOICE, "multipleselectfield", "tagsfield");
    put(SourceKind.LINKED_RECORDS, "linkedrecordfield");
    put(SourceKind.FILES, "filefield", "imagefield");
    put(SourceKind.BOOLEAN, "yesnofield");
    put(SourceKind.EMAIL, "emailfield");
    put(SourceKind.LINK, "linkfield");
    put(SourceKind.PHONE, "phonefield");
    put(SourceKind.ADDRESS, "addressfield");
    put(SourceKind.USER, "userfield");
    put(SourceKind.COLOR, "colorpickerfield");
    put(SourceKind.COMPUTED, "formulafield", "lookupfield", "rollupfield");
    // Normalised, but with no compatibility row of their own: every conversion is checked per
    // record.
    put(SourceKind.UNKNOWN, "votefield", "firstcreatedfield", "lastupdatedfield");
    put(SourceKind.UNKNOWN, "assignedtofield", "signaturefield");
  }

  private SmartSuiteFieldTypes() {}

  private static void put(SourceKind kind, String... types) {
    for (String t : types) {
      KINDS.put(t, kind);
    }
  }

  /** The kind of a SmartSuite field type; {@link SourceKind#UNKNOWN} for any other. */
  public static SourceKind kindOf(String type) {
    return KINDS.getOrDefault(type, SourceKind.UNKNOWN);
  }

  /** The SmartSuite field types of a kind, in the order of the compatibility table. */
  public static List<String> typesOf(SourceKind kind) {
    List<String> out = new ArrayList<>();
    KINDS.forEach(
        (type, k) -> {
          if (k == kind) {
            out.add(type);
          }
        });
    return out;
  }

  /** Every type listed here. */
  public static Set<String> known() {
    return Collections.unmodifiableSet(KINDS.keySet());
  }
}
