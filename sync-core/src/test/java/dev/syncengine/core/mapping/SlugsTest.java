package dev.syncengine.core.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SlugsTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
          Crème Brûlée                            | creme-brulee
          The Hitchhiker's Guide to the Galaxy    | the-hitchhikers-guide-to-the-galaxy
          "  --Hello,   World!--  "               | hello-world
          Straße & Smørrebrød                     | strasse-smorrebrod
          Ærøskøbing Œuvre                        | aeroskobing-oeuvre
          Łódź Kraków                             | lodz-krakow
          ÉCLAIR au Café                          | eclair-au-cafe
          100% Organic (Ø 18 cm)                  | 100-organic-o-18-cm
          日本茶                                   | ""
          a_b.c/d                                 | a-b-c-d
          """)
  void slugifiesToLowercaseAsciiWithSingleHyphens(String text, String slug) {
    assertThat(Slugs.slugify(text)).isEqualTo(slug == null ? "" : slug);
  }

  @Test
  void longSlugsAreCutAtAWordBoundary() {
    assertThat(Slugs.slugify("alpha beta gamma delta", 14)).isEqualTo("alpha-beta");
    assertThat(Slugs.slugify("alpha beta gamma delta", 16)).isEqualTo("alpha-beta-gamma");
    assertThat(Slugs.slugify("supercalifragilistic", 5)).isEqualTo("super");
  }

  @Test
  void suffixesKeepTheSlugWithinItsLength() {
    assertThat(Slugs.withSuffix("creme-brulee", 2)).isEqualTo("creme-brulee-2");
    assertThat(Slugs.withSuffix("alpha-beta-gamma", 12, 16)).isEqualTo("alpha-beta-12");
    assertThatThrownBy(() -> Slugs.withSuffix("tea", 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Slugs.withSuffix(" ", 2)).isInstanceOf(IllegalArgumentException.class);
  }

  @Property
  void anyTextGivesAValidDeterministicSlug(
      @ForAll String text, @ForAll @IntRange(min = 1, max = 256) int max) {
    String slug = Slugs.slugify(text, max);
    assertThat(slug).matches("([a-z0-9]+(-[a-z0-9]+)*)?").hasSizeLessThanOrEqualTo(max);
    assertThat(Slugs.slugify(text, max)).isEqualTo(slug);
    assertThat(Slugs.slugify(slug, max)).as("idempotent").isEqualTo(slug);
  }

  @Property
  void suffixedSlugsAreValidAndDistinct(
      @ForAll("words") String text, @ForAll @IntRange(min = 2, max = 9999) int n) {
    String slug = Slugs.slugify(text);
    String suffixed = Slugs.withSuffix(slug, n);
    assertThat(suffixed)
        .matches("[a-z0-9]+(-[a-z0-9]+)*")
        .endsWith("-" + n)
        .hasSizeLessThanOrEqualTo(Slugs.DEFAULT_MAX_LENGTH);
    assertThat(suffixed).isNotEqualTo(slug);
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<String> words() {
    return net.jqwik.api.Arbitraries.strings()
        .alpha()
        .numeric()
        .withChars(' ', 'é')
        .ofMinLength(1)
        .ofMaxLength(300)
        .filter(s -> !Slugs.slugify(s).isEmpty());
  }
}
