package org.peacepath.decide;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Fresh ids for answers: random (version 4) UUIDs. They name an answer in the decision log and need
 * not be unguessable, so they come from the fast per-thread generator rather than the locked, secure
 * one behind {@link UUID#randomUUID()}, which shows under load.
 */
public final class Ids {
  private Ids() {}

  /** A new random UUID, as text. */
  public static String next() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long high = (random.nextLong() & 0xFFFFFFFFFFFF0FFFL) | 0x0000000000004000L;
    long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(high, low).toString();
  }
}
