package dev.syncengine.core.mapping;

import dev.syncengine.core.model.SourceKind;
import dev.syncengine.core.model.TargetKind;
import java.util.Map;

/**
 * The kinds the adapters give the vendor field types the fixtures use (the adapters' own tables,
 * SmartSuiteFieldTypes and WebflowFieldTypes, are the reference; sync-core cannot see them).
 */
public final class FixtureKinds {
  private static final Map<String, SourceKind> SOURCE =
      Map.ofEntries(
          Map.entry("recordtitlefield", SourceKind.TEXT),
          Map.entry("textfield", SourceKind.TEXT),
          Map.entry("textareafield", SourceKind.TEXT),
          Map.entry("fullnamefield", SourceKind.TEXT),
          Map.entry("richtextareafield", SourceKind.RICH_TEXT),
          Map.entry("numberfield", SourceKind.NUMBER),
          Map.entry("currencyfield", SourceKind.NUMBER),
          Map.entry("percentfield", SourceKind.NUMBER),
          Map.entry("ratingfield", SourceKind.NUMBER),
          Map.entry("autonumberfield", SourceKind.NUMBER),
          Map.entry("datefield", SourceKind.DATE),
          Map.entry("duedatefield", SourceKind.DATE),
          Map.entry("daterangefield", SourceKind.DATE_RANGE),
          Map.entry("singleselectfield", SourceKind.CHOICE),
          Map.entry("statusfield", SourceKind.CHOICE),
          Map.entry("multipleselectfield", SourceKind.MULTI_CHOICE),
          Map.entry("tagsfield", SourceKind.MULTI_CHOICE),
          Map.entry("linkedrecordfield", SourceKind.LINKED_RECORDS),
          Map.entry("filefield", SourceKind.FILES),
          Map.entry("imagefield", SourceKind.FILES),
          Map.entry("yesnofield", SourceKind.BOOLEAN),
          Map.entry("emailfield", SourceKind.EMAIL),
          Map.entry("linkfield", SourceKind.LINK),
          Map.entry("phonefield", SourceKind.PHONE),
          Map.entry("addressfield", SourceKind.ADDRESS),
          Map.entry("userfield", SourceKind.USER),
          Map.entry("colorpickerfield", SourceKind.COLOR),
          Map.entry("formulafield", SourceKind.COMPUTED),
          Map.entry("lookupfield", SourceKind.COMPUTED),
          Map.entry("rollupfield", SourceKind.COMPUTED));

  private static final Map<String, TargetKind> TARGET =
      Map.ofEntries(
          Map.entry("PlainText", TargetKind.TEXT),
          Map.entry("RichText", TargetKind.RICH_TEXT),
          Map.entry("Number", TargetKind.NUMBER),
          Map.entry("Switch", TargetKind.BOOLEAN),
          Map.entry("DateTime", TargetKind.DATE_TIME),
          Map.entry("Option", TargetKind.OPTION),
          Map.entry("Reference", TargetKind.REFERENCE),
          Map.entry("MultiReference", TargetKind.MULTI_REFERENCE),
          Map.entry("Image", TargetKind.IMAGE),
          Map.entry("MultiImage", TargetKind.MULTI_IMAGE),
          Map.entry("File", TargetKind.FILE),
          Map.entry("Link", TargetKind.LINK),
          Map.entry("Email", TargetKind.EMAIL),
          Map.entry("Phone", TargetKind.PHONE),
          Map.entry("Color", TargetKind.COLOR),
          Map.entry("VideoLink", TargetKind.VIDEO_LINK));

  private FixtureKinds() {}

  public static SourceKind source(String type) {
    return SOURCE.getOrDefault(type, SourceKind.UNKNOWN);
  }

  public static TargetKind target(String type) {
    return TARGET.getOrDefault(type, TargetKind.UNSUPPORTED);
  }
}
