package dev.syncengine.smartsuite.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncengine.smartsuite.SmartSuiteFieldTypes;
import org.junit.jupiter.api.Test;

/** The normalisers and the kinds name the same SmartSuite types. */
class FieldTypesTableTest {
  @Test
  void everyNormalisedTypeHasAKind() {
    assertThat(SmartSuiteFieldTypes.known())
        .containsAll(FieldNormalisers.table(null, null).keySet());
  }
}
