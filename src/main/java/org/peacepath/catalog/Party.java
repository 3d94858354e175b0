package org.peacepath.catalog;

import java.util.Arrays;
import java.util.Optional;

/** A party to the peace process, by the code requests use. */
public enum Party {
  US, DPRK, ROK, PRC, JAPAN, RUSSIA;

  private static final java.util.Map<String, Party> BY_CODE = Arrays.stream(values())
      .collect(java.util.stream.Collectors.toUnmodifiableMap(Party::name, party -> party));

  /** The party with this exact code, if there is one. */
  public static Optional<Party> byCode(String code) {
    return Optional.ofNullable(code == null ? null : BY_CODE.get(code));
  }

  /**
   * Why a code that names no party is refused, where the source says why: the United Nations (and its
   * command in Korea) took part in neither the war nor the armistice, so it signs no step.
   */
  public static Optional<String> notAParty(String code) {
    String upper = code == null ? "" : code.strip().toUpperCase(java.util.Locale.ROOT);
    return upper.equals("UN") || upper.equals("UNC")
        ? Optional.of("The United Nations was neither a party to the war nor a party to the armistice")
        : Optional.empty();
  }

  /** The known codes, for error messages. */
  public static String codes() {
    return String.join(", ", Arrays.stream(values()).map(Enum::name).toList());
  }
}
