package dev.syncengine.webflow;

import dev.syncengine.core.model.ConnectionConfig;
import dev.syncengine.core.model.TargetSchema;
import dev.syncengine.core.spi.CreateIntents;
import dev.syncengine.core.spi.SinkSession;
import dev.syncengine.core.spi.SyncException;
import dev.syncengine.core.spi.TargetItems;
import dev.syncengine.core.spi.WriteOp;
import dev.syncengine.core.spi.WriteResult;
import dev.syncengine.webflow.internal.BatchWriter;
import dev.syncengine.webflow.internal.SiteLocales;
import dev.syncengine.webflow.internal.SitePublisher;
import dev.syncengine.webflow.internal.SlugIndex;
import dev.syncengine.webflow.internal.WriteContext;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@link WebflowSink}'s session for one connection: the connection's client (derived from the
 * sink's template with the connection's token, so sessions sharing a token share its limiter) and
 * its collection's slug index (the sink's, shared by every session writing there). Opening it makes
 * no call; a missing token fails the calls that need one, as a permanent error naming the
 * credential. Closing releases nothing: the client holds no resources of its own (the connection
 * pool is the sink's). Thread-safe.
 */
final class CollectionSession implements SinkSession {
  private final ConnectionConfig connection;
  private final WebflowClient client;
  private final String marker;
  private final SlugIndex slugs;
  private final int maxSlugAttempts;
  private final SitePublisher sitePublisher;
  private final SiteLocales siteLocales;

  CollectionSession(
      ConnectionConfig connection,
      ClientTemplate template,
      SlugIndex slugs,
      int maxSlugAttempts,
      SitePublisher sitePublisher,
      SiteLocales siteLocales) {
    this.sitePublisher = sitePublisher;
    this.siteLocales = siteLocales;
    this.connection = connection;
    String token = connection.credentials().get(WebflowCredentials.TOKEN).orElse("");
    this.client = token.isEmpty() ? null : template.client(token);
    this.marker = connection.option(WebflowSink.OPTION_RECORD_ID_FIELD, null);
    this.slugs = slugs;
    this.maxSlugAttempts = maxSlugAttempts;
  }

  /** The index key of a connection's collection and marker field. */
  static String slugIndexKey(ConnectionConfig connection) {
    String marker = connection.option(WebflowSink.OPTION_RECORD_ID_FIELD, null);
    return connection.target().id() + "\n" + (marker == null ? "" : marker);
  }

  /**
   * Reads the collection's schema, with the site's locales (none when the connection's target names
   * no site or the token may not read it).
   *
   * @throws SyncException when Webflow refuses or cannot be reached, or no token is configured
   */
  @Override
  public TargetSchema schema() {
    WebflowSink.target(connection);
    try {
      WebflowClient c = client();
      TargetSchema schema =
          c.getCollection(connection.target().id())
              .toTargetSchema()
              .withLocales(siteLocales.forSchema(c, connection.target().parentId()));
      return WebflowLimits.withConstraints(schema, WebflowPlanLimits.of(connection));
    } catch (WebflowException e) {
      throw new SyncException(WebflowSink.syncError(e), e);
    }
  }

  /**
   * Writes the batch, recording each create's slug through {@code intents} before the create is
   * sent; an upsert's {@link WriteOp.Upsert#createKey()} is such a slug from an earlier, never
   * confirmed create: the item holding it, unless another record's mapping names it (or, with
   * {@value WebflowSink#OPTION_RECORD_ID_FIELD}, unless its marker says otherwise), is adopted and
   * brought to the new values. One result per op, in the ops' order.
   *
   * @throws SyncException when the whole batch failed: unauthorized, collection gone, Webflow
   *     unreachable, or no token configured
   */
  @Override
  public List<WriteResult> write(List<WriteOp> ops, CreateIntents intents) {
    WebflowSink.target(connection);
    if (ops.isEmpty()) {
      return List.of();
    }
    WriteContext ctx =
        new WriteContext(
            client(), connection, marker, maxSlugAttempts, slugs, intents, siteLocales);
    try {
      List<WriteResult> results = new BatchWriter(ctx).write(ops);
      sitePublisher.afterWrite(connection, client(), results);
      return results;
    } catch (WebflowException e) {
      throw new SyncException(WebflowSink.syncError(e), e);
    }
  }

  /**
   * How long the next write would wait for the token's rate limiter: zero while a request slot is
   * free (or no token is configured, so the write fails fast).
   */
  @Override
  public Duration untilNextWrite() {
    return client == null ? Duration.ZERO : client.untilNextRequest();
  }

  /**
   * The collection's staged items ({@link SessionItems}), each with its record id in {@value
   * WebflowSink#OPTION_RECORD_ID_FIELD} when the connection names that field. Listing without a
   * token fails like a write.
   */
  @Override
  public Optional<TargetItems> items() {
    WebflowSink.target(connection);
    return Optional.of(new SessionItems(client(), connection.target().id(), marker));
  }

  private WebflowClient client() {
    if (client == null) {
      throw WebflowSink.missingToken();
    }
    return client;
  }

  @Override
  public String toString() {
    return "WebflowSink session for " + connection.id();
  }
}
