package dev.syncengine.testing.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.syncengine.core.model.ChangeKind;
import dev.syncengine.core.model.EnqueueResult;
import dev.syncengine.core.model.JobState;
import dev.syncengine.core.model.StoredTargetChange;
import dev.syncengine.core.model.TargetChange;
import dev.syncengine.core.spi.TargetChangeStore;
import dev.syncengine.testing.TestClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link TargetChangeStore} must show. */
public abstract class TargetChangeStoreContract {
  private static final ObjectMapper JSON = new ObjectMapper();
  protected TestClock clock;
  protected TargetChangeStore store;

  /** Returns an empty store that reads time from {@code clock}. */
  protected abstract TargetChangeStore createStore(Clock clock);

  @BeforeEach
  void createStoreForTest() {
    clock = TestClock.at(Instant.parse("2025-03-30T01:30:00Z"));
    store = createStore(clock);
  }

  /** A delivered change of item {@code item} under delivery key {@code key}. */
  public static TargetChange change(String connection, String item, String key) {
    return new TargetChange(
        connection,
        item,
        "collection_item_changed",
        ChangeKind.UPSERT,
        Instant.parse("2025-03-30T01:29:00.123Z"),
        JSON.createObjectNode().put("id", item).put("name", "Ünïcode ✓"),
        key,
        Instant.parse("2025-03-30T01:30:00Z"));
  }

  @Test
  void storesEachDeliveryOnceAndDropsRedeliveriesOfTheSameKey() {
    List<EnqueueResult> first =
        store.append(List.of(change("c1", "i1", "k1"), change("c1", "i1", "k2")));
    List<EnqueueResult> again =
        store.append(List.of(change("c1", "i1", "k1"), change("c2", "i1", "k1")));

    assertThat(first).extracting(EnqueueResult::duplicate).containsExactly(false, false);
    assertThat(again).extracting(EnqueueResult::duplicate).containsExactly(true, false);
    assertThat(again.get(0).jobId()).isEqualTo(first.get(0).jobId());
    assertThat(store.counts("c1")).containsEntry(JobState.PENDING, 2L);
    assertThat(store.counts(null)).containsEntry(JobState.PENDING, 3L);
  }

  @Test
  void keepsEveryFieldOfTheChange() {
    TargetChange c = change("c1", "item-1", "k1");
    long id = store.append(List.of(c)).get(0).jobId();

    StoredTargetChange stored = store.find(id).orElseThrow();
    assertThat(stored.change()).isEqualTo(c);
    assertThat(stored.state()).isEqualTo(JobState.PENDING);
    assertThat(stored.attempts()).isZero();
  }

  @Test
  void claimsOldestFirstUnderALeaseThatExpires() {
    store.append(List.of(change("c1", "i1", "k1"), change("c1", "i2", "k2")));

    List<StoredTargetChange> a = store.claim("a", 1, Duration.ofSeconds(30));
    assertThat(a).singleElement().satisfies(r -> assertThat(r.change().itemId()).isEqualTo("i1"));
    assertThat(store.claim("b", 10, Duration.ofSeconds(30)))
        .extracting(r -> r.change().itemId())
        .containsExactly("i2");
    assertThat(store.claim("c", 10, Duration.ofSeconds(30))).isEmpty();

    clock.advance(Duration.ofSeconds(31));
    assertThat(store.claim("c", 10, Duration.ofSeconds(30))).hasSize(2);
  }

  @Test
  void concurrentClaimersNeverShareARow() throws Exception {
    List<TargetChange> many = new java.util.ArrayList<>();
    for (int i = 0; i < 60; i++) {
      many.add(change("c1", "i" + i, "k" + i));
    }
    store.append(many);
    java.util.Set<Long> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
    java.util.concurrent.atomic.AtomicInteger shared =
        new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<?>> workers = new java.util.ArrayList<>();
      for (int w = 0; w < 4; w++) {
        String owner = "w" + w;
        workers.add(
            pool.submit(
                () -> {
                  List<StoredTargetChange> got;
                  while (!(got = store.claim(owner, 5, Duration.ofMinutes(5))).isEmpty()) {
                    for (StoredTargetChange r : got) {
                      if (!seen.add(r.id())) {
                        shared.incrementAndGet();
                      }
                    }
                  }
                }));
      }
      for (java.util.concurrent.Future<?> f : workers) {
        f.get(60, java.util.concurrent.TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(shared.get()).isZero();
    assertThat(seen).hasSize(60);
  }

  @Test
  void completesOnlyWhatTheOwnerHolds() {
    long id = store.append(List.of(change("c1", "i1", "k1"))).get(0).jobId();
    store.claim("a", 10, Duration.ofSeconds(30));

    store.complete("b", List.of(id));
    assertThat(store.find(id).orElseThrow().state()).isEqualTo(JobState.CLAIMED);
    store.complete("a", List.of(id));
    assertThat(store.find(id).orElseThrow().state()).isEqualTo(JobState.DONE);
    assertThat(store.claim("a", 10, Duration.ofSeconds(30))).isEmpty();
    assertThat(store.append(List.of(change("c1", "i1", "k1"))).get(0).duplicate()).isTrue();
  }

  @Test
  void aFailureRetriesLaterOrGoesDead() {
    long id = store.append(List.of(change("c1", "i1", "k1"))).get(0).jobId();
    store.claim("a", 10, Duration.ofSeconds(30));
    store.fail("a", id, "smartsuite said 503", clock.instant().plusSeconds(10));

    StoredTargetChange failed = store.find(id).orElseThrow();
    assertThat(failed.state()).isEqualTo(JobState.PENDING);
    assertThat(failed.attempts()).isEqualTo(1);
    assertThat(failed.lastError()).isEqualTo("smartsuite said 503");
    assertThat(store.claim("a", 10, Duration.ofSeconds(30))).isEmpty();

    clock.advance(Duration.ofSeconds(10));
    assertThat(store.claim("a", 10, Duration.ofSeconds(30))).hasSize(1);
    store.fail("a", id, "mapping", null);
    assertThat(store.find(id).orElseThrow().state()).isEqualTo(JobState.DEAD);
  }

  @Test
  void listsNewestFirstWithFilters() {
    store.append(
        List.of(change("c1", "i1", "k1"), change("c2", "i2", "k2"), change("c1", "i3", "k3")));

    assertThat(store.list("c1", null, 0, 10))
        .extracting(r -> r.change().itemId())
        .containsExactly("i3", "i1");
    assertThat(store.list(null, null, 1, 1))
        .extracting(r -> r.change().itemId())
        .containsExactly("i2");
    assertThat(store.list("c1", JobState.DONE, 0, 10)).isEmpty();
  }

  @Test
  void purgesOldDoneRowsAndDeletesAConnectionsRows() {
    long done = store.append(List.of(change("c1", "i1", "k1"))).get(0).jobId();
    store.claim("a", 10, Duration.ofSeconds(30));
    store.complete("a", List.of(done));
    store.append(List.of(change("c1", "i2", "k2"), change("c2", "i3", "k3")));
    clock.advance(Duration.ofDays(8));

    assertThat(store.purge(clock.instant().minus(Duration.ofDays(7)))).isEqualTo(1);
    assertThat(store.find(done)).isEmpty();
    assertThat(store.counts("c1")).containsEntry(JobState.PENDING, 1L);

    store.deleteConnection("c1");
    assertThat(store.list("c1", null, 0, 10)).isEmpty();
    assertThat(store.list("c2", null, 0, 10)).hasSize(1);
  }

  @Test
  void deferGivesTheOwnersRowsBackAtTheTimeGivenWithoutCountingAnAttempt() {
    long a = store.append(List.of(change("c1", "i1", "k1"))).get(0).jobId();
    long b = store.append(List.of(change("c1", "i2", "k2"))).get(0).jobId();
    store.claim("w", 10, Duration.ofSeconds(30));
    store.fail("w", a, "smartsuite said 503", clock.instant());
    store.claim("w", 10, Duration.ofSeconds(30)); // a again, after one failed attempt
    Instant later = clock.instant().plusSeconds(60);

    store.defer("other", List.of(a, b), later);
    assertThat(store.find(a).orElseThrow().state())
        .as("another owner's defer leaves the row alone")
        .isEqualTo(JobState.CLAIMED);

    store.defer("w", List.of(a, b, 999_999L), later);

    StoredTargetChange deferred = store.find(a).orElseThrow();
    assertThat(deferred.state()).isEqualTo(JobState.PENDING);
    assertThat(deferred.attempts()).as("a deferral is no attempt").isEqualTo(1);
    assertThat(deferred.runAt()).isEqualTo(later);
    assertThat(deferred.leaseOwner()).isNull();
    assertThat(store.find(b).orElseThrow().attempts()).isZero();
    assertThat(store.claim("x", 10, Duration.ofSeconds(30))).as("not due before then").isEmpty();

    clock.advance(Duration.ofSeconds(60));
    assertThat(store.claim("x", 10, Duration.ofSeconds(30)))
        .extracting(StoredTargetChange::id)
        .containsExactly(a, b);
  }

  @Test
  void aHeldRowIsNeverClaimedAndIsListedAsHeld() {
    long id = store.append(List.of(change("c1", "i1", "k1"))).get(0).jobId();
    store.claim("w", 10, Duration.ofSeconds(30));

    store.hold("other", id, "not mine");
    assertThat(store.find(id).orElseThrow().state()).isEqualTo(JobState.CLAIMED);

    store.hold("w", id, "delete of item i1 waits for approval");

    StoredTargetChange held = store.find(id).orElseThrow();
    assertThat(held.state()).isEqualTo(JobState.HELD);
    assertThat(held.lastError()).isEqualTo("delete of item i1 waits for approval");
    assertThat(held.leaseOwner()).isNull();
    assertThat(held.attempts()).isZero();
    clock.advance(Duration.ofHours(2)); // far past the lease it was claimed under
    assertThat(store.claim("w", 10, Duration.ofSeconds(30))).isEmpty();
    assertThat(store.list("c1", JobState.HELD, 0, 10))
        .extracting(StoredTargetChange::id)
        .containsExactly(id);
    assertThat(store.list("c1", JobState.PENDING, 0, 10)).isEmpty();
    assertThat(store.counts("c1")).containsEntry(JobState.HELD, 1L);
    store.complete("w", List.of(id));
    assertThat(store.find(id).orElseThrow().state())
        .as("complete does not end a held row: only a decision does")
        .isEqualTo(JobState.HELD);
  }

  @Test
  void settleEndsAHeldRowOnceOnly() {
    long held = store.append(List.of(change("c1", "i1", "k1"))).get(0).jobId();
    long pending = store.append(List.of(change("c1", "i2", "k2"))).get(0).jobId();
    store.claim("w", 1, Duration.ofSeconds(30));
    store.hold("w", held, "delete waits");

    assertThat(store.settle(pending, "approved")).as("a row that is not held").isFalse();
    assertThat(store.find(pending).orElseThrow().state()).isEqualTo(JobState.PENDING);
    assertThat(store.settle(999_999L, "approved")).as("an unknown row").isFalse();

    assertThat(store.settle(held, "approved by ana@example.com")).isTrue();
    StoredTargetChange done = store.find(held).orElseThrow();
    assertThat(done.state()).isEqualTo(JobState.DONE);
    assertThat(done.lastError()).isEqualTo("approved by ana@example.com");

    assertThat(store.settle(held, "rejected by bo@example.com")).as("decided before").isFalse();
    assertThat(store.find(held).orElseThrow().lastError()).isEqualTo("approved by ana@example.com");
    assertThat(store.claim("w", 10, Duration.ofSeconds(30)))
        .extracting(StoredTargetChange::id)
        .containsExactly(pending);
  }

  @Test
  void pendingItemsAreThoseWithARowClaimedOrDueInThatConnection() {
    long retrying = store.append(List.of(change("c1", "retrying", "k1"))).get(0).jobId();
    long done = store.append(List.of(change("c1", "done", "k2"))).get(0).jobId();
    long dead = store.append(List.of(change("c1", "dead", "k3"))).get(0).jobId();
    long held = store.append(List.of(change("c1", "held", "k4"))).get(0).jobId();
    long deferred = store.append(List.of(change("c1", "deferred", "k5"))).get(0).jobId();
    store.append(List.of(change("c1", "working", "k6"), change("c2", "elsewhere", "k7")));
    store.claim("w", 10, Duration.ofSeconds(30));
    store.fail("w", retrying, "smartsuite said 503", clock.instant().plusSeconds(30));
    store.complete("w", List.of(done));
    store.fail("w", dead, "mapping", null);
    store.hold("w", held, "delete waits");
    store.defer("w", List.of(deferred), clock.instant().plusSeconds(60));
    store.append(List.of(change("c1", "pending", "k8"), change("c1", "pending", "k9")));
    List<String> asked =
        List.of(
            "retrying",
            "done",
            "dead",
            "held",
            "deferred",
            "working",
            "pending",
            "elsewhere",
            "never-seen");

    assertThat(store.pendingItems("c1", asked))
        .as("claimed rows and due pending rows only, of this connection only")
        .containsExactlyInAnyOrder("working", "pending");
    assertThat(store.pendingItems("c2", List.of("pending", "working", "elsewhere")))
        .containsExactly("elsewhere");
    assertThat(store.pendingItems("c1", List.of())).isEmpty();

    clock.advance(Duration.ofSeconds(30));
    assertThat(store.pendingItems("c1", asked))
        .as("a retry counts once it is due")
        .containsExactlyInAnyOrder("working", "pending", "retrying");
    clock.advance(Duration.ofSeconds(30));
    assertThat(store.pendingItems("c1", asked))
        .as("and a deferred row at the time it was deferred to")
        .containsExactlyInAnyOrder("working", "pending", "retrying", "deferred");
  }

  @Test
  void pendingItemsTakesManyItemIdsAtOnce() {
    List<String> asked = new java.util.ArrayList<>();
    for (int i = 0; i < 1200; i++) {
      asked.add("item-" + i);
    }
    store.append(
        List.of(
            change("c1", "item-7", "k1"),
            change("c1", "item-1199", "k2"),
            change("c1", "x", "k3")));

    assertThat(store.pendingItems("c1", asked)).containsExactlyInAnyOrder("item-7", "item-1199");
  }
}
