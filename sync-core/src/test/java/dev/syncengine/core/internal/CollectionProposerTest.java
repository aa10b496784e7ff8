package dev.syncengine.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncengine.core.model.SourceKind;
import dev.syncengine.core.model.TargetKind;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The best target kind per source kind, as derived from the compatibility matrix. */
class CollectionProposerTest {

  @Test
  void eachSourceKindGetsTheMostSpecificTargetKindThatTakesAllItsValues() {
    Map<SourceKind, TargetKind> expected = new EnumMap<>(SourceKind.class);
    expected.put(SourceKind.TEXT, TargetKind.TEXT);
    expected.put(SourceKind.RICH_TEXT, TargetKind.RICH_TEXT);
    expected.put(SourceKind.NUMBER, TargetKind.NUMBER);
    expected.put(SourceKind.DATE, TargetKind.DATE_TIME);
    expected.put(SourceKind.DATE_RANGE, TargetKind.TEXT);
    expected.put(SourceKind.CHOICE, TargetKind.OPTION);
    expected.put(SourceKind.MULTI_CHOICE, TargetKind.TEXT);
    expected.put(SourceKind.FILES, TargetKind.FILE);
    expected.put(SourceKind.BOOLEAN, TargetKind.BOOLEAN);
    expected.put(SourceKind.EMAIL, TargetKind.EMAIL);
    expected.put(SourceKind.LINK, TargetKind.LINK);
    expected.put(SourceKind.PHONE, TargetKind.PHONE);
    expected.put(SourceKind.ADDRESS, TargetKind.TEXT);
    expected.put(SourceKind.COLOR, TargetKind.COLOR);
    expected.put(SourceKind.COMPUTED, TargetKind.TEXT);
    expected.put(SourceKind.UNKNOWN, TargetKind.TEXT);
    expected.forEach(
        (source, target) ->
            assertThat(CollectionProposer.best(source)).as(source.name()).contains(target));
    // linked records only through a reference to a synced collection (decided per field)
    assertThat(CollectionProposer.best(SourceKind.LINKED_RECORDS)).isEmpty();
  }
}
