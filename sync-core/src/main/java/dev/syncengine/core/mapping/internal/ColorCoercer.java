package dev.syncengine.core.mapping.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Color: hex, rgb()/rgba(), hsl()/hsla() or a CSS color name, as Webflow accepts. Thread-safe. */
final class ColorCoercer implements Coercer {
  private static final Pattern HEX =
      Pattern.compile("#?([0-9a-fA-F]{3}|[0-9a-fA-F]{4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})");
  private static final String NUM = "\\s*[0-9]{1,3}(?:\\.[0-9]+)?%?\\s*";
  private static final String ALPHA = "(?:,\\s*(?:0|1|0?\\.[0-9]+|[0-9]{1,3}%)\\s*)?";
  private static final Pattern RGB =
      Pattern.compile(
          "rgba?\\(" + NUM + "," + NUM + "," + NUM + ALPHA + "\\)", Pattern.CASE_INSENSITIVE);
  private static final Pattern HSL =
      Pattern.compile(
          "hsla?\\(\\s*[0-9]{1,3}(?:\\.[0-9]+)?(?:deg)?\\s*," + NUM + "," + NUM + ALPHA + "\\)",
          Pattern.CASE_INSENSITIVE);
  private static final Set<String> NAMES =
      Set.of(
          "aliceblue",
          "antiquewhite",
          "aqua",
          "aquamarine",
          "azure",
          "beige",
          "bisque",
          "black",
          "blanchedalmond",
          "blue",
          "blueviolet",
          "brown",
          "burlywood",
          "cadetblue",
          "chartreuse",
          "chocolate",
          "coral",
          "cornflowerblue",
          "cornsilk",
          "crimson",
          "cyan",
          "darkblue",
          "darkcyan",
          "darkgoldenrod",
          "darkgray",
          "darkgreen",
          "darkgrey",
          "darkkhaki",
          "darkmagenta",
          "darkolivegreen",
          "darkorange",
          "darkorchid",
          "darkred",
          "darksalmon",
          "darkseagreen",
          "darkslateblue",
          "darkslategray",
          "darkslategrey",
          "darkturquoise",
          "darkviolet",
          "deeppink",
          "deepskyblue",
          "dimgray",
          "dimgrey",
          "dodgerblue",
          "firebrick",
          "floralwhite",
          "forestgreen",
          "fuchsia",
          "gainsboro",
          "ghostwhite",
          "gold",
          "goldenrod",
          "gray",
          "green",
          "greenyellow",
          "grey",
          "honeydew",
          "hotpink",
          "indianred",
          "indigo",
          "ivory",
          "khaki",
          "lavender",
          "lavenderblush",
          "lawngreen",
          "lemonchiffon",
          "lightblue",
          "lightcoral",
          "lightcyan",
          "lightgoldenrodyellow",
          "lightgray",
          "lightgreen",
          "lightgrey",
          "lightpink",
          "lightsalmon",
          "lightseagreen",
          "lightskyblue",
          "lightslategray",
          "lightslategrey",
          "lightsteelblue",
          "lightyellow",
          "lime",
          "limegreen",
          "linen",
          "magenta",
          "maroon",
          "mediumaquamarine",
          "mediumblue",
          "mediumorchid",
          "mediumpurple",
          "mediumseagreen",
          "mediumslateblue",
          "mediumspringgreen",
          "mediumturquoise",
          "mediumvioletred",
          "midnightblue",
          "mintcream",
          "mistyrose",
          "moccasin",
          "navajowhite",
          "navy",
          "oldlace",
          "olive",
          "olivedrab",
          "orange",
          "orangered",
          "orchid",
          "palegoldenrod",
          "palegreen",
          "paleturquoise",
          "palevioletred",
          "papayawhip",
          "peachpuff",
          "peru",
          "pink",
          "plum",
          "powderblue",
          "purple",
          "rebeccapurple",
          "red",
          "rosybrown",
          "royalblue",
          "saddlebrown",
          "salmon",
          "sandybrown",
          "seagreen",
          "seashell",
          "sienna",
          "silver",
          "skyblue",
          "slateblue",
          "slategray",
          "slategrey",
          "snow",
          "springgreen",
          "steelblue",
          "tan",
          "teal",
          "thistle",
          "tomato",
          "turquoise",
          "violet",
          "wheat",
          "white",
          "whitesmoke",
          "yellow",
          "yellowgreen",
          "transparent");

  private final String type;

  /**
   * @param type the field type as the target calls it, for messages
   */
  ColorCoercer(String type) {
    this.type = type;
  }

  @Override
  public JsonNode coerce(JsonNode value, Issues issues) {
    JsonNode one = Coercer.single(value, type, issues);
    if (one.isObject()) {
      one = one.has("value") ? one.get("value") : one.path("hex");
    }
    String s = Values.text(one).strip();
    if (HEX.matcher(s).matches()) {
      return Values.JSON.textNode(s.startsWith("#") ? s : "#" + s);
    }
    if (RGB.matcher(s).matches() || HSL.matcher(s).matches()) {
      return Values.JSON.textNode(s);
    }
    String lower = s.toLowerCase(Locale.ROOT);
    if (NAMES.contains(lower)) {
      return Values.JSON.textNode(lower);
    }
    throw Coercer.cannot(value, type, "expected #rrggbb, rgb(), hsl() or a CSS color name");
  }
}
