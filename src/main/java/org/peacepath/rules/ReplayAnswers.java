package org.peacepath.rules;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What replays in date order found lately under one revision's firm rules: for each record replayed, the ids
 * of the firm rules that blocked its step in the records before it (none, for most records).
 *
 * <p>A record's answer depends on the records before it alone, each by its step and whether it counted. So
 * the answers are kept in a tree of those prefixes, and a record sent again, or sent with its first records
 * as before (as the workbench's timeline sends a record while it is edited), is replayed in Drools only from
 * the first record that differs. The tree holds at most {@link #MAX_PLACES} records; past that it is begun
 * afresh. It is kept with the revision's firm rules ({@link FirmRules}), so a reload begins it afresh too.
 * Safe to use from many threads at once.
 */
public final class ReplayAnswers {
  /** The most records the tree holds: each costs a few hundred bytes. */
  static final int MAX_PLACES = 4096;

  private final AtomicReference<Tree> tree = new AtomicReference<>(new Tree());

  /** The place of the empty record, where every replay begins. */
  public Place start() {
    return tree.get().root;
  }

  /** How many records the tree holds now. */
  public int size() {
    return tree.get().places.get();
  }

  /** One tree of answers, dropped whole when it is full. */
  private final class Tree {
    final Place root = new Place(this);
    final AtomicInteger places = new AtomicInteger();
  }

  private record Key(String step, boolean counted) {}

  /** A record in the tree: the records up to it, in date order, and what blocked its step. */
  public final class Place {
    private final Tree tree;
    private final ConcurrentHashMap<Key, Place> next = new ConcurrentHashMap<>(4);
    /** The ids of the firm rules that blocked the record's step; {@code null} while not known. */
    private volatile List<String> blockedBy;

    private Place(Tree tree) {
      this.tree = tree;
    }

    /** The ids of the firm rules that blocked the record's step, in a decision's order; {@code null} while not known. */
    public List<String> blockedBy() {
      return blockedBy;
    }

    /** The place of the next record, a record of the step counted or not, if the tree holds it; else {@code null}. */
    public Place after(String step, boolean counted) {
      return next.get(new Key(step, counted));
    }

    /**
     * Keeps what blocked the next record, a record of the step counted or not, and gives its place; the
     * place is outside the tree (kept by nobody) once the tree is full.
     */
    public Place remember(String step, boolean counted, List<String> blockedBy) {
      Key key = new Key(step, counted);
      Place place = next.get(key);
      if (place == null) {
        if (tree.places.incrementAndGet() > MAX_PLACES) {
          if (ReplayAnswers.this.tree.get() == tree) {
            ReplayAnswers.this.tree.compareAndSet(tree, new Tree());
          }
          place = new Place(tree);
        } else {
          place = next.computeIfAbsent(key, k -> new Place(tree));
        }
      }
      place.blockedBy = List.copyOf(blockedBy);
      return place;
    }
  }
}
