package org.peacepath.catalog;

import java.util.Arrays;
import java.util.List;

/**
 * The words a client needs to write a record and read an answer, said once: the kinds of step and which of
 * them names a facility (from {@code catalog.yaml}), the statuses of a record, the parties, and the rule set
 * used when a request names none.
 *
 * @param kinds the kinds a step may be of, as the catalog lists them
 * @param facilityKind the kind whose records name a facility
 * @param statuses the statuses a record may have, in force first (the default)
 * @param parties the codes of the parties
 * @param defaultRuleSet the rule set a request that names none is decided under
 */
public record Vocabulary(List<String> kinds, String facilityKind, List<String> statuses, List<Party> parties,
    String defaultRuleSet) {

  public Vocabulary {
    kinds = List.copyOf(kinds);
    statuses = List.copyOf(statuses);
    parties = List.copyOf(parties);
  }

  /** The vocabulary of this catalog, with {@code defaultRuleSet} as the default rule set. */
  public static Vocabulary of(Catalog catalog, String defaultRuleSet) {
    return new Vocabulary(catalog.kinds(), catalog.facilityKind(), RecordStatus.words(),
        Arrays.asList(Party.values()), defaultRuleSet);
  }
}
