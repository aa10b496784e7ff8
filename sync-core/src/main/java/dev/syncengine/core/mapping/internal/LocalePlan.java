package dev.syncengine.core.mapping.internal;

import dev.syncengine.core.model.TargetLocale;
import java.util.List;

/**
 * The fields one secondary locale receives: which target fields, from which rules. Fields it does
 * not list are left as the target keeps them. Immutable, thread-safe.
 *
 * @param key the key the document named the locale by (for messages)
 * @param locale the target locale
 * @param fields the plans of its mapped fields
 */
record LocalePlan(String key, TargetLocale locale, List<FieldPlan> fields) {
  LocalePlan {
    fields = List.copyOf(fields);
  }
}
