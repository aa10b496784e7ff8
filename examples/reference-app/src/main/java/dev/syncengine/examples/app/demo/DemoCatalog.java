package dev.syncengine.examples.app.demo;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Invents a tea shop's catalogue in SmartSuite's raw record shape: categories, and products with
 * text, rich text, numbers written as strings, single selects (by choice id), dates, linked
 * categories and images (shared-file handles). Seeded, so every start shows the same shop.
 *
 * <p>Not thread-safe; one instance per generating thread.
 */
public final class DemoCatalog {
  static final String SOLUTION = "sol_demo";
  static final String CATEGORIES_TABLE = "tbl_categories";
  static final String PRODUCTS_TABLE = "tbl_products";

  /** Category name and description. */
  static final List<String[]> CATEGORIES =
      List.of(
          new String[] {"Green Tea", "Steamed or pan-fired leaves, grassy and bright."},
          new String[] {"Black Tea", "Fully oxidised leaves with malty depth."},
          new String[] {"Oolong", "Partly oxidised, from floral to roasted."},
          new String[] {"White Tea", "Buds and young leaves, barely processed."},
          new String[] {"Herbal", "Caffeine-free infusions of flowers, roots and herbs."},
          new String[] {"Matcha", "Stone-ground shade-grown green tea."},
          new String[] {"Teaware", "Pots, cups and whisks for brewing at home."},
          new String[] {"Gift Sets", "Curated boxes for the tea lover in your life."});

  static final Map<String, String> STATUS_CHOICES =
      Map.of("st_active", "Active", "st_draft", "Draft", "st_disc", "Discontinued");

  static final Map<String, String> ORIGIN_CHOICES =
      Map.of(
          "or_jp", "Japan",
          "or_cn", "China",
          "or_in", "India",
          "or_lk", "Sri Lanka",
          "or_tw", "Taiwan",
          "or_ke", "Kenya",
          "or_za", "South Africa");

  private static final String[] ADJECTIVES = {
    "Crème", "Imperial", "Misty", "Golden", "Wild", "Morning", "Velvet", "Smoky", "Silver",
        "Autumn",
    "Spring", "Mountain", "Jade", "Moonlight", "Honeyed", "Royal", "Ruby", "Citrus", "Spiced",
        "Emerald"
  };
  private static final String[] NOUNS = {
    "Sencha",
    "Darjeeling",
    "Assam",
    "Oolong",
    "Needle",
    "Peony",
    "Chai",
    "Rooibos",
    "Gyokuro",
    "Genmaicha",
    "Ceremonial Matcha",
    "Earl Grey",
    "Kettle",
    "Teapot",
    "Cup Set",
    "Whisk",
    "Sampler"
  };
  private static final String[] NOTES = {
    "notes of toasted rice", "a honeyed finish", "hints of stone fruit", "a clean, sweet umami",
    "a whisper of bergamot", "warming spice", "a floral aroma", "a long, mineral aftertaste"
  };

  private final Random random;
  private int serial;

  public DemoCatalog(long seed) {
    this.random = new Random(seed);
  }

  /** Raw values of category {@code i} of {@link #CATEGORIES}. */
  static ObjectNode category(int i) {
    ObjectNode r = JsonNodeFactory.instance.objectNode();
    r.put("title", CATEGORIES.get(i)[0]);
    r.put("s_cdesc", CATEGORIES.get(i)[1]);
    return r;
  }

  /**
   * Raw values of a new product.
   *
   * @param categoryIds SmartSuite record ids of the categories to link one of
   * @param imageHandle the shared-file handle of its photo (register its URL with the simulator)
   */
  ObjectNode product(List<String> categoryIds, String imageHandle) {
    serial++;
    String name = pick(ADJECTIVES) + " " + pick(NOUNS);
    ObjectNode r = JsonNodeFactory.instance.objectNode();
    r.put("title", name);
    r.put("s_sku", String.format(Locale.ROOT, " lc-%04d ", serial));
    r.set("s_desc", richText(name));
    r.put("s_price", price());
    r.put("s_stock", Integer.toString(random.nextInt(250)));
    r.put("s_weight", Integer.toString(25 + random.nextInt(40) * 5));
    r.put("s_status", random.nextInt(10) < 8 ? "st_active" : "st_draft");
    r.put("s_origin", pick(ORIGIN_CHOICES.keySet().stream().sorted().toArray(String[]::new)));
    LocalDate launch = LocalDate.of(2023, 1, 1).plusDays(random.nextInt(900));
    r.putObject("s_launch").put("date", launch + "T00:00:00Z").put("include_time", false);
    r.putArray("s_category").add(categoryIds.get(random.nextInt(categoryIds.size())));
    r.putArray("s_photos")
        .addObject()
        .put("handle", imageHandle)
        .putObject("metadata")
        .put("filename", imageHandle + ".jpg")
        .put("mimetype", "image/jpeg");
    return r;
  }

  /** A small, plausible edit: a new price, stock level, description or status. */
  ObjectNode edit() {
    ObjectNode r = JsonNodeFactory.instance.objectNode();
    switch (random.nextInt(4)) {
      case 0 -> r.put("s_price", price());
      case 1 -> r.put("s_stock", Integer.toString(random.nextInt(250)));
      case 2 -> r.set("s_desc", richText(pick(ADJECTIVES) + " blend"));
      default -> r.put("s_status", random.nextInt(10) < 8 ? "st_active" : "st_draft");
    }
    return r;
  }

  /** An SEO description, as a site editor would write one in the Webflow Editor. */
  String seoDescription(String productName) {
    return productName + ": loose-leaf tea with " + pick(NOTES) + ". Edited in Webflow.";
  }

  /** A public placeholder image URL for a file handle. */
  static String imageUrl(String handle) {
    return "https://picsum.photos/seed/" + handle + "/800/600";
  }

  Random random() {
    return random;
  }

  private ObjectNode richText(String name) {
    String note = pick(NOTES);
    String html =
        "<p><strong>"
            + name
            + "</strong> with "
            + note
            + ".</p><ul><li>Steep 2–3 minutes</li><li>80 °C water</li></ul>";
    ObjectNode v = JsonNodeFactory.instance.objectNode();
    v.put("html", html);
    v.put("preview", name + " with " + note + ".");
    return v;
  }

  private String price() {
    return String.format(Locale.ROOT, "%d.%02d", 4 + random.nextInt(60), random.nextInt(20) * 5);
  }

  private String pick(String[] values) {
    return values[random.nextInt(values.length)];
  }
}
