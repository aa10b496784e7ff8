package dev.syncengine.it;

import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.TargetSchema;
import dev.syncengine.core.spi.CreateIntents;
import dev.syncengine.core.spi.SinkAdapter;
import dev.syncengine.core.spi.SinkSession;
import dev.syncengine.core.spi.WriteOp;
import dev.syncengine.core.spi.WriteResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * Records, for every record written, when each engine's sink call began and ended, to prove that no
 * two writes of one record ever overlapped. Thread-safe.
 */
final class WriteIntervals {
  record Interval(String engine, String recordId, long start, long end) {}

  private final List<Interval> intervals = new CopyOnWriteArrayList<>();

  /** Wraps {@code sink} so its writes are recorded under {@code engine}. */
  SinkAdapter wrap(String engine, SinkAdapter sink) {
    return new SinkAdapter() {
      @Override
      public String type() {
        return sink.type();
      }

      /**
       * The inner session's schema and writes; as before sessions, the wrapper passes no create
       * intents and says a write slot is always free.
       */
      @Override
      public SinkSession open(ConnectionConfig connection) {
        SinkSession inner = sink.open(connection);
        return new SinkSession() {
          @Override
          public TargetSchema schema() {
            return inner.schema();
          }

          @Override
          public List<WriteResult> write(List<WriteOp> ops, CreateIntents intents) {
            long start = System.nanoTime();
            try {
              return inner.write(ops, CreateIntents.NONE);
            } finally {
              long end = System.nanoTime();
              ops.forEach(op -> intervals.add(new Interval(engine, op.recordId(), start, end)));
            }
          }

          @Override
          public void close() {
            inner.close();
          }
        };
      }
    };
  }

  /** Pairs of writes of one record whose times overlap. */
  List<String> overlaps() {
    List<String> out = new ArrayList<>();
    Map<String, List<Interval>> byRecord =
        intervals.stream().collect(Collectors.groupingBy(Interval::recordId));
    for (List<Interval> list : byRecord.values()) {
      List<Interval> sorted = new ArrayList<>(list);
      sorted.sort(Comparator.comparingLong(Interval::start));
      for (int i = 1; i < sorted.size(); i++) {
        if (sorted.get(i).start() < sorted.get(i - 1).end()) {
          out.add(sorted.get(i - 1) + " overlaps " + sorted.get(i));
        }
      }
    }
    return out;
  }

  long engines() {
    return intervals.stream().map(Interval::engine).distinct().count();
  }

  int size() {
    return intervals.size();
  }
}
