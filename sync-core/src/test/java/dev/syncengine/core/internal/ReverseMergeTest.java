package dev.syncengine.core.internal;

import static dev.syncengine.core.mapping.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.internal.TwoWayOptions.ConflictPolicy;
import dev.syncengine.core.mapping.CompiledMapping;
import dev.syncengine.core.mapping.DefaultMappingCompiler;
import dev.syncengine.core.mapping.Fixtures;
import dev.syncengine.core.mapping.ReverseMapping;
import dev.syncengine.core.model.IdMapping;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The reverse path's three-way merge, field by field, with the id map snapshot as the base. */
class ReverseMergeTest {
  static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
  static final ReverseMapping REVERSE = mapping().reverse();

  /** name both, seo Webflow, price both, note SmartSuite. */
  static CompiledMapping mapping() {
    try {
      return compile();
    } catch (dev.syncengine.core.mapping.MappingValidationException e) {
      throw new IllegalStateException(e);
    }
  }

  static CompiledMapping compile() throws dev.syncengine.core.mapping.MappingValidationException {
    return DefaultMappingCompiler.ofDefaults()
        .compile(
            json(
                "{'fields':{'name':{'source':'title','owner':'both'},"
                    + "'seo':{'source':'SEO','owner':'webflow'},"
                    + "'price':{'source':'Price','owner':'both'},"
                    + "'note':{'source':'Note'}}}"),
            Fixtures.sourceSchema(
                json(
                    "{'id':'t','name':'T','primary_field':'title','structure':["
                        + "{'slug':'title','label':'Title','field_type':'recordtitlefield','params':{}},"
                        + "{'slug':'s_seo','label':'SEO','field_type':'textfield','params':{}},"
                        + "{'slug':'s_price','label':'Price','field_type':'numberfield','params':{}},"
                        + "{'slug':'s_note','label':'Note','field_type':'textfield','params':{}}]}")),
            Fixtures.targetSchema(
                json(
                    "{'id':'c','displayName':'C','fields':["
                        + "{'slug':'name','type':'PlainText','isRequired':true},"
                        + "{'slug':'slug','type':'PlainText'},{'slug':'seo','type':'PlainText'},"
                        + "{'slug':'price','type':'Number'},{'slug':'note','type':'PlainText'}]}")));
  }

  static IdMapping mapping(String snapshot, String previous, Instant sourceVersion) {
    return new IdMapping(
        "c",
        "rec1",
        "item1",
        sourceVersion,
        (ObjectNode) json(snapshot),
        previous == null ? null : (ObjectNode) json(previous),
        null,
        T0,
        T0);
  }

  static final String BASE = "{'name':'Mug','seo':'old','price':10,'note':'n'}";

  @Test
  void aFieldOnlyTheTargetChangedIsCarriedBackAndBecomesTheSnapshot() {
    ReverseMerge.Result r =
        ReverseMerge.fresh(
            REVERSE,
            ConflictPolicy.NEWEST,
            json("{'name':'Mug','seo':'new','price':10,'note':'edited in Webflow'}"),
            mapping(BASE, null, T0),
            json(BASE),
            T0,
            T0.plusSeconds(5));
    assertThat(r.values()).containsOnlyKeys("s_seo"); // note is SmartSuite's: not carried back
    assertThat(r.values().get("s_seo").asText()).isEqualTo("new");
    assertThat(r.snapshot().path("seo").asText()).isEqualTo("new");
    assertThat(r.snapshot().path("note").asText()).isEqualTo("n");
    assertThat(r.conflicts()).isEmpty();
    assertThat(r.forwardNeeded()).isFalse();
  }

  @Test
  void anEchoOfWhatWasSyncedHasNothingToDo() {
    ReverseMerge.Result r =
        ReverseMerge.fresh(
            REVERSE,
            ConflictPolicy.NEWEST,
            json(BASE),
            mapping(BASE, null, T0),
            json(BASE),
            T0,
            T0);
    assertThat(r.nothingToDo()).isTrue();
  }

  @Test
  void bothSidesChangingOneFieldIsDecidedByThePolicyAndTheLoserIsKept() {
    JsonNode item = json("{'name':'Mug','seo':'old','price':60,'note':'n'}");
    JsonNode source = json("{'name':'Mug','seo':'old','price':50,'note':'n'}");
    IdMapping m = mapping(BASE, null, T0);

    ReverseMerge.Result newerTarget =
        ReverseMerge.fresh(
            REVERSE, ConflictPolicy.NEWEST, item, m, source, T0.plusSeconds(1), T0.plusSeconds(2));
    assertThat(newerTarget.values().get("s_price").asText()).isEqualTo("60");
    JsonNode c = newerTarget.conflicts().get(0);
    assertThat(c.path("field").asText()).isEqualTo("price");
    assertThat(c.path("winner").asText()).isEqualTo("webflow");
    assertThat(c.path("kept").asInt()).isEqualTo(60);
    assertThat(c.path("lost").asInt()).isEqualTo(50);

    ReverseMerge.Result newerSource =
        ReverseMerge.fresh(
            REVERSE, ConflictPolicy.NEWEST, item, m, source, T0.plusSeconds(3), T0.plusSeconds(2));
    assertThat(newerSource.values()).isEmpty();
    assertThat(newerSource.forwardNeeded()).isTrue(); // Webflow gets SmartSuite's 50
    // The snapshot holds Webflow's 60, so the forward write of 50 differs from it and is sent.
    assertThat(newerSource.snapshot().path("price").asInt()).isEqualTo(60);
    assertThat(newerSource.conflicts().get(0).path("lost").asInt()).isEqualTo(60);

    ReverseMerge.Result fixedOwner =
        ReverseMerge.fresh(REVERSE, ConflictPolicy.SOURCE, item, m, source, T0, T0.plusSeconds(9));
    assertThat(fixedOwner.values()).isEmpty();
    assertThat(fixedOwner.conflicts().get(0).path("winner").asText()).isEqualTo("smartsuite");
  }

  @Test
  void bothSidesMakingTheSameChangeIsNoConflict() {
    String same = "{'name':'Mug','seo':'old','price':70,'note':'n'}";
    ReverseMerge.Result r =
        ReverseMerge.fresh(
            REVERSE,
            ConflictPolicy.NEWEST,
            json(same),
            mapping(BASE, null, T0),
            json(same),
            T0.plusSeconds(1),
            T0.plusSeconds(2));
    assertThat(r.values()).isEmpty();
    assertThat(r.conflicts()).isEmpty();
    assertThat(r.snapshot().path("price").asInt()).isEqualTo(70);
  }
}
