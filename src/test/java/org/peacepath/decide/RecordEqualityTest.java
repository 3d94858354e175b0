package org.peacepath.decide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The answer's records whose equals and hashCode are written out (they are the keys of the cached JSON
 * and of the set that keeps advice once) compare every component, as the ones Java derives would: a
 * component added to a record and left out of its equals fails here.
 */
class RecordEqualityTest {
  static Stream<Class<?>> written() {
    return Stream.of(Decision.Unlocked.class, Decision.Reason.class, Decision.Caution.class,
        Decision.AdvisoryNote.class);
  }

  @ParameterizedTest
  @MethodSource("written")
  void equalComponentsMakeEqualRecords(Class<?> type) throws Exception {
    Object one = make(type, -1, false);
    Object other = make(type, -1, false);
    assertEquals(one, other);
    assertEquals(one.hashCode(), other.hashCode());
    assertEquals(one, one);
    assertNotEquals(one, null);
    assertNotEquals(one, "a string");
  }

  @ParameterizedTest
  @MethodSource("written")
  void everyComponentCounts(Class<?> type) throws Exception {
    Object base = make(type, -1, false);
    RecordComponent[] components = type.getRecordComponents();
    for (int i = 0; i < components.length; i++) {
      Object changed = make(type, i, false);
      assertNotEquals(base, changed, type.getSimpleName() + "'s equals ignores " + components[i].getName());
      assertNotEquals(base.hashCode(), changed.hashCode(),
          type.getSimpleName() + "'s hashCode ignores " + components[i].getName());
      Object missing = make(type, i, true);
      assertFalse(base.equals(missing), type.getSimpleName() + " equals one whose " + components[i].getName() + " is null");
      assertFalse(missing.equals(base), "a null " + components[i].getName() + " equals a present one");
      assertTrue(missing.equals(make(type, i, true)), "two records with a null " + components[i].getName() + " differ");
    }
  }

  /** An instance of {@code type}; component {@code changed} is another value, or null when {@code nulled}. */
  private static Object make(Class<?> type, int changed, boolean nulled) throws Exception {
    RecordComponent[] components = type.getRecordComponents();
    Class<?>[] types = new Class<?>[components.length];
    List<Object> values = new ArrayList<>();
    for (int i = 0; i < components.length; i++) {
      types[i] = components[i].getType();
      boolean other = i == changed;
      Object value;
      if (types[i] == String.class) {
        // New strings each time, so that equals compares contents, not the same instance.
        value = new String(other ? "other" : "value" + i);
      } else if (types[i] == List.class) {
        value = other ? List.of(new String("other")) : List.of(new String("value" + i));
      } else {
        throw new AssertionError(type.getSimpleName() + "." + components[i].getName() + ": a component type this test "
            + "does not know; give it a value here");
      }
      values.add(other && nulled ? null : value);
    }
    Constructor<?> constructor = type.getDeclaredConstructor(types);
    return constructor.newInstance(values.toArray());
  }
}
