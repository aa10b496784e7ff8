package dev.syncengine.servlet.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Cheap checks of a webhook body before the engine sees it: strict UTF-8, one well-formed JSON
 * object or array, nesting within {@link Json#MAX_DEPTH}. One streaming pass, no tree built.
 */
public final class JsonCheck {
  private JsonCheck() {}

  /**
   * @throws ApiException 400 saying what is wrong
   */
  public static void check(byte[] body) {
    if (body.length == 0) {
      throw new ApiException(400, "malformed_body", "the body is empty");
    }
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body));
    } catch (CharacterCodingException e) {
      throw new ApiException(400, "malformed_body", "the body is not valid UTF-8");
    }
    try (JsonParser p = Json.MAPPER.getFactory().createParser(body)) {
      JsonToken first = p.nextToken();
      if (first != JsonToken.START_OBJECT && first != JsonToken.START_ARRAY) {
        throw new ApiException(400, "malformed_body", "the body must be a JSON object or array");
      }
      p.skipChildren();
      if (p.nextToken() != null) {
        throw new ApiException(400, "malformed_body", "unexpected data after the JSON value");
      }
    } catch (IOException e) {
      // Jackson's message quotes the input; a fixed one avoids echoing attacker bytes.
      String why =
          e.getClass().getSimpleName().contains("Constraints")
              ? "the JSON is nested too deeply"
              : "the body is not well-formed JSON";
      throw new ApiException(400, "malformed_body", why);
    }
  }
}
