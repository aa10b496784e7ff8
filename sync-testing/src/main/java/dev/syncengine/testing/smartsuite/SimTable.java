package dev.syncengine.testing.smartsuite;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A simulated table: schema and records in creation order. Guarded by the simulator's lock. */
final class SimTable {
  final String id;
  final String solutionId;
  final String name;
  List<SimField> fields; // replaced under the lock by SimTables.changeFields
  final Map<String, ObjectNode> records = new LinkedHashMap<>();
  long autonumber;

  SimTable(String id, String solutionId, String name, List<SimField> fields) {
    this.id = id;
    this.solutionId = solutionId;
    this.name = name;
    this.fields = List.copyOf(fields);
  }

  ObjectNode toJson() {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("id", id).put("name", name).put("solution", solutionId).put("slug", id);
    n.put("primary_field", "title");
    var structure = n.putArray("structure");
    structure
        .addObject()
        .put("slug", "title")
        .put("label", "Title")
        .put("field_type", "recordtitlefield")
        .putObject("params");
    fields.forEach(f -> structure.add(f.toJson()));
    return n;
  }
}
