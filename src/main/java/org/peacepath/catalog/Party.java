package org.peacepath.catalog;

import java.util.Arrays;
import java.util.Optional;

/** A party to the peace process, by the code requests use. */
public enum Party {
  US, DPRK, ROK, PRC, JAPAN, RUSSIA;

  /** The party with this exact code, if there is one. */
  public static Optional<Party> byCode(String code) {
    return Arrays.stream(values()).filter(p -> p.name().equals(code)).findFirst();
  }

  /** The known codes, for error messages. */
  public static String codes() {
    return String.join(", ", Arrays.stream(values()).map(Enum::name).toList());
  }
}
