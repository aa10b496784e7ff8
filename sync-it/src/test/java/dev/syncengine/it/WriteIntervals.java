package dev.syncengine.it;

import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.TargetSchema;
import dev.syncengine.core.spi.SinkAdapter;
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

      @Override
      public TargetSchema schema(ConnectionConfig connection) {
        return sink.schema(connection);
      }

      @Override
      public List<WriteResult> write(ConnectionConfig connection, List<WriteOp> ops) {
        long start = System.nanoTime();
        try {
          return sink.write(connection, ops);
        } finally {
          long end = System.nanoTime();
          ops.forEach(op -> intervals.add(new Interval(engine, op.recordId(), start, end)));
        }
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
