package dev.syncengine.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.syncengine.core.model.ChangeKind;
import dev.syncengine.core.model.IdMapping;
import dev.syncengine.core.model.Job;
import dev.syncengine.core.model.JobState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChunkOrderTest {
  @Test
  void kindHoldingTheOldestChangeGoesFirstAndChunksKeepOneKind() {
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    Job create1 = job(1, "r1", ChangeKind.UPSERT, t.plusMillis(50));
    Job update1 = job(2, "r2", ChangeKind.UPSERT, t.plusMillis(10));
    Job create2 = job(3, "r3", ChangeKind.UPSERT, t.plusMillis(60));
    Job update2 = job(4, "r4", ChangeKind.UPSERT, t.plusMillis(70));
    Job delete = job(5, "r5", ChangeKind.DELETE, t.plusMillis(5));
    Map<String, IdMapping> existing =
        Map.of(
            "r2", mapped("r2", "i2"),
            "r4", mapped("r4", "i4"),
            "r5", mapped("r5", "i5"));
    List<List<Job>> chunks =
        ChangeWriter.chunks(List.of(create1, update1, create2, update2, delete), existing, 1);
    assertEquals(
        List.of(
            List.of(delete),
            List.of(update1),
            List.of(update2),
            List.of(create1),
            List.of(create2)),
        chunks);
    List<List<Job>> big =
        ChangeWriter.chunks(List.of(create1, update1, create2, update2, delete), existing, 100);
    assertEquals(
        List.of(List.of(delete), List.of(update1, update2), List.of(create1, create2)), big);
  }

  private static Job job(long id, String record, ChangeKind kind, Instant enqueued) {
    return new Job(
        id,
        "c",
        record,
        kind,
        enqueued,
        null,
        null,
        JobState.CLAIMED,
        0,
        enqueued,
        "w",
        null,
        1,
        enqueued,
        enqueued,
        null);
  }

  private static IdMapping mapped(String record, String item) {
    return new IdMapping("c", record, item, Instant.EPOCH, null, null, "draft", Instant.EPOCH);
  }
}
