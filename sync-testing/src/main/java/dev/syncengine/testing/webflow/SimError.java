package dev.syncengine.testing.webflow;

import java.util.List;

/** An error answer the simulator gives, in Webflow's shape. */
final class SimError extends RuntimeException {
  final int status;
  final String code;
  final List<String[]> details;

  SimError(int status, String code, String message, List<String[]> details) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.details = details;
  }

  static SimError validation(String param, String description) {
    return new SimError(
        400,
        "validation_error",
        "Validation Error",
        List.<String[]>of(new String[] {param, description}));
  }

  static SimError validation(List<String[]> details) {
    return new SimError(400, "validation_error", "Validation Error", details);
  }

  static SimError badRequest(String message) {
    return new SimError(400, "bad_request", "Bad Request: " + message, List.of());
  }

  static SimError notFound(String code, String message) {
    return new SimError(404, code, "Requested resource not found: " + message, List.of());
  }
}
