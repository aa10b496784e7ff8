package dev.syncengine.core.mapping.internal;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits text into ASCII words for slugs and case transforms: accents are transliterated,
 * apostrophes dropped, and anything that is not a letter or digit separates words. Thread-safe.
 */
public final class Words {
  private Words() {}

  /** ASCII words of {@code text}, in order, case preserved. */
  public static List<String> split(String text) {
    String ascii = transliterate(text);
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    for (int i = 0; i < ascii.length(); i++) {
      char c = ascii.charAt(i);
      if (c == '\'') {
        continue; // "Hitchhiker's" is one word, as Webflow's own slugs show
      }
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
        word.append(c);
      } else if (word.length() > 0) {
        words.add(word.toString());
        word.setLength(0);
      }
    }
    if (word.length() > 0) {
      words.add(word.toString());
    }
    return words;
  }

  /** {@code text} with accents removed and common ligatures spelled out; other chars kept. */
  public static String transliterate(String text) {
    boolean ascii = true;
    for (int i = 0; i < text.length() && ascii; i++) {
      ascii = text.charAt(i) < 128;
    }
    if (ascii) {
      return text;
    }
    String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD);
    StringBuilder sb = new StringBuilder(decomposed.length());
    for (int i = 0; i < decomposed.length(); i++) {
      char c = decomposed.charAt(i);
      if (Character.getType(c) == Character.NON_SPACING_MARK) {
        continue;
      }
      sb.append(spelled(c));
    }
    return sb.toString();
  }

  private static String spelled(char c) {
    return switch (c) {
      case 'ß' -> "ss";
      case 'æ' -> "ae";
      case 'Æ' -> "AE";
      case 'œ' -> "oe";
      case 'Œ' -> "OE";
      case 'ø' -> "o";
      case 'Ø' -> "O";
      case 'đ', 'ð' -> "d";
      case 'Đ', 'Ð' -> "D";
      case 'þ' -> "th";
      case 'Þ' -> "TH";
      case 'ł' -> "l";
      case 'Ł' -> "L";
      case 'ı' -> "i";
      case 'ħ' -> "h";
      case '’', '‘', 'ʼ' -> "'";
      default -> String.valueOf(c);
    };
  }
}
