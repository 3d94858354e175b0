package org.peacepath.diff;

/** Records that differ for one reason: how many, and the smallest. */
final class DiffGroup {
  long records;
  int[] smallest;
  DiffRun run;

  /** Counts one more record, its digits in the comparison's space, kept if it is the smallest yet. */
  void add(int[] digits, DiffRun run) {
    this.run = run;
    records++;
    if (smallest == null || run.smaller(digits, smallest)) {
      smallest = digits.clone();
    }
  }

  /** The two groups as one, as two threads found them. */
  static DiffGroup merge(DiffGroup a, DiffGroup b) {
    DiffGroup merged = new DiffGroup();
    merged.run = a.run;
    merged.records = a.records + b.records;
    merged.smallest = a.run.smaller(b.smallest, a.smallest) ? b.smallest : a.smallest;
    return merged;
  }
}
