package dev.syncengine.store.jdbc.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.Credentials;
import dev.syncengine.core.model.MappingVersion;
import dev.syncengine.core.spi.ConnectionStore;
import dev.syncengine.store.jdbc.SecretCodec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * {@link ConnectionStore} on JDBC. Credentials are stored as one sealed JSON object, so the
 * database never sees a secret in clear. Thread-safe.
 */
public final class JdbcConnectionStore implements ConnectionStore {
  private static final String SELECT = "SELECT id, config, credentials FROM sync_connection";

  private final Db db;
  private final SecretCodec codec;
  private final String upsert;
  private final RowMapper<ConnectionConfig> mapper;
  private final RowMapper<MappingVersion> mappingMapper =
      (rs, ctx) ->
          new MappingVersion(
              rs.getString("connection_id"),
              rs.getInt("version_no"),
              Json.read(rs.getString("spec")),
              Micros.toInstant(rs.getLong("created_at")));

  /**
   * @param codec seals credentials; null refuses to store any
   */
  public JdbcConnectionStore(Db db, SecretCodec codec) {
    this.db = db;
    this.codec = codec;
    this.upsert =
        db.dialect()
            .upsert(
                "sync_connection",
                List.of("id"),
                List.of("name", "config", "credentials", "paused", "created_at", "updated_at"));
    this.mapper =
        (rs, ctx) ->
            ConnectionJson.read(
                rs.getString("id"), rs.getString("config"), open(rs.getString("credentials")));
  }

  @Override
  public List<ConnectionConfig> list() {
    return db.tx(h -> h.createQuery(SELECT + " ORDER BY id").map(mapper).list());
  }

  @Override
  public Optional<ConnectionConfig> find(String connectionId) {
    return db.tx(
        h ->
            h.createQuery(SELECT + " WHERE id = :id")
                .bind("id", connectionId)
                .map(mapper)
                .findOne());
  }

  @Override
  public void save(ConnectionConfig connection) {
    String sealed = seal(connection.credentials());
    long now = db.nowMicros();
    db.tx(
        h -> {
          Long created =
              h.createQuery("SELECT created_at FROM sync_connection WHERE id = :id")
                  .bind("id", connection.id())
                  .mapTo(Long.class)
                  .findOne()
                  .orElse(now);
          return h.createUpdate(upsert)
              .bind("id", connection.id())
              .bind("name", connection.name())
              .bind("config", ConnectionJson.write(connection))
              .bind("credentials", sealed)
              .bind("paused", connection.paused())
              .bind("created_at", created)
              .bind("updated_at", now)
              .execute();
        });
  }

  @Override
  public boolean delete(String connectionId) {
    return db.tx(
            h -> {
              h.createUpdate("DELETE FROM sync_mapping WHERE connection_id = :id")
                  .bind("id", connectionId)
                  .execute();
              return h.createUpdate("DELETE FROM sync_connection WHERE id = :id")
                  .bind("id", connectionId)
                  .execute();
            })
        > 0;
  }

  @Override
  public MappingVersion saveMapping(String connectionId, JsonNode spec) {
    long now = db.nowMicros();
    String text = Json.write(spec);
    // two concurrent saves pick the same number; the loser's primary key violation retries it
    return db.txRetrying(
        h -> {
          int next =
              h.createQuery(
                      "SELECT COALESCE(MAX(version_no), 0) + 1 FROM sync_mapping"
                          + " WHERE connection_id = :id")
                  .bind("id", connectionId)
                  .mapTo(Integer.class)
                  .one();
          h.createUpdate(
                  "INSERT INTO sync_mapping (connection_id, version_no, spec, created_at)"
                      + " VALUES (:id, :v, :spec, :now)")
              .bind("id", connectionId)
              .bind("v", next)
              .bind("spec", text)
              .bind("now", now)
              .execute();
          return new MappingVersion(connectionId, next, Json.read(text), Micros.toInstant(now));
        });
  }

  @Override
  public Optional<MappingVersion> mapping(String connectionId) {
    return db.tx(
        h ->
            h.createQuery(
                    "SELECT connection_id, version_no, spec, created_at FROM sync_mapping"
                        + " WHERE connection_id = :id ORDER BY version_no DESC LIMIT 1")
                .bind("id", connectionId)
                .map(mappingMapper)
                .findOne());
  }

  @Override
  public List<MappingVersion> mappingHistory(String connectionId) {
    return db.tx(
        h ->
            h.createQuery(
                    "SELECT connection_id, version_no, spec, created_at FROM sync_mapping"
                        + " WHERE connection_id = :id ORDER BY version_no DESC")
                .bind("id", connectionId)
                .map(mappingMapper)
                .list());
  }

  private String seal(Credentials credentials) {
    if (credentials.asMap().isEmpty()) {
      return null;
    }
    if (codec == null) {
      throw new IllegalStateException(
          "no SecretCodec configured: refusing to store credentials in clear");
    }
    ObjectNode o = Json.MAPPER.createObjectNode();
    credentials.asMap().forEach(o::put);
    return codec.seal(Json.write(o));
  }

  private Credentials open(String sealed) {
    if (sealed == null) {
      return Credentials.empty();
    }
    if (codec == null) {
      throw new IllegalStateException("no SecretCodec configured: cannot read stored credentials");
    }
    Map<String, String> values = new TreeMap<>();
    Json.read(codec.open(sealed))
        .fields()
        .forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
    return Credentials.of(values);
  }
}
